// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TfliteArenaEstimate: a model, written for comparison, of how big the
// non-persistent arena of TensorFlow Lite's interpreter (builtin kernels,
// no delegate) would be for the subgraph of an ExecutionPlan. It is not
// TensorFlow Lite's code; it re-implements the published behaviour of its
// ArenaPlanner and SimpleMemoryArena so that `liteforge bench` and the
// arena test can show liteforge's arena beside it:
//
//  - Lifetimes by reference counting in model order: a graph input lives
//    over the whole run; an op's output from that op until the last op that
//    reads it; a graph output, or an output nobody reads, until the end.
//  - In-place ops share a buffer: RESHAPE, SQUEEZE, EXPAND_DIMS and BITCAST
//    outputs reuse their input's bytes; ADD, SUB, MUL and DIV reuse the
//    bytes of an input of the same size (more than 4 bytes) that nothing
//    else reads. Never for graph inputs or outputs.
//  - Op temporaries live for their op only. Modelled: CONV_2D's im2col
//    buffer (optimized kernels), output pixels x (filter height x width x
//    input channels) elements of the input type, needed unless the conv is
//    1x1 with stride 1 and no dilation, or is float, undilated and run on
//    more than one thread (the plan's thread count), where TensorFlow
//    Lite's multithreaded kernel needs none; UNIDIRECTIONAL_SEQUENCE_LSTM's gate
//    scratch (float, or the six 8x8->16 integer buffers); SVDF's scratch
//    (and its int32 output buffer when fully integer).
//  - Placement: tensors live over the whole run first (by index), then
//    largest first (ties: earlier allocation); each goes into the smallest
//    gap between buffers live at the same time that it fits (64-byte
//    aligned offsets), else past them. The estimate is the high-water mark.
//
// Where the model is unsure it leans towards the smaller arena, so the
// estimate can only be at or below what TensorFlow Lite would plan: other
// ops' temporaries (hybrid quantization buffers, MEAN's accumulators,
// TFLite_Detection_PostProcess's decoded boxes, ...) are not counted, and
// tensors liteforge computes while planning (constant folding) are left
// out even where TensorFlow Lite would keep them in its arena.
// Control-flow subgraphs have their own arenas in both runtimes and are not
// included; for a plan built with delegates only tensors liteforge's own
// steps touch are counted.

#pragma once

#include <cstddef>

#include "liteforge/runtime/execution_plan.h"

namespace liteforge::runtime {

struct TfliteArenaEstimate {
  size_t arena_bytes = 0;
  int arena_tensors = 0;        // tensors and temporaries given bytes of their own
  int shared_tensors = 0;       // outputs placed in an input's bytes by an in-place op
  size_t temporary_bytes = 0;   // the largest modelled op temporary
};

// Models the plan's ops and tensors. TensorFlow Lite runs a file's ops as
// they are, so the faithful input is a plan built with fuse_ops off; on a
// fused plan (fewer intermediate tensors) the estimate can only come out
// smaller, which keeps "liteforge's arena <= this" a safe comparison.
TfliteArenaEstimate EstimateTfliteArena(const ExecutionPlan& plan);

}  // namespace liteforge::runtime
