/* Copyright 2026 The liteforge Authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The stable C ABI for liteforge delegates: shared libraries, loaded at run
 * time (`liteforge run --delegate libfoo.so`), that take over runs of ops
 * they can execute (an accelerator, a vendor library, a specialised CPU
 * path). Plain C, fixed-width types and a version number so a delegate
 * built against one liteforge keeps working with the next.
 *
 * A delegate library exports one symbol:
 *
 *   const LfDelegateApi* liteforge_delegate_create(const char* options);
 *
 * `options` is the text after '?' in `--delegate path.so?options` (or "").
 * liteforge then asks, per op, whether the delegate supports it; maximal
 * runs of consecutive supported ops become partitions, each a kernel the
 * delegate initialises, prepares (with concrete shapes) and invokes. Tensors
 * cross the boundary as LfTensor views; liteforge owns all memory.
 */

#ifndef LITEFORGE_RUNTIME_DELEGATE_ABI_H_
#define LITEFORGE_RUNTIME_DELEGATE_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LF_DELEGATE_ABI_VERSION 1

/* Element types: the values of the .tflite TensorType enum. */
enum {
  LF_FLOAT32 = 0, LF_FLOAT16 = 1, LF_INT32 = 2, LF_UINT8 = 3, LF_INT64 = 4,
  LF_BOOL = 6, LF_INT16 = 7, LF_INT8 = 9
};

typedef struct LfTensor {
  int32_t dtype;            /* LF_* */
  int32_t rank;
  const int32_t* dims;      /* rank entries */
  float scale;              /* 0 when not quantized (first scale if per-axis) */
  int64_t zero_point;
  void* data;               /* null while a graph is inspected, except constants */
  size_t bytes;
  const char* name;
  int32_t is_constant;
  int32_t index;            /* the tensor's index in its subgraph */
} LfTensor;

/* A read-only view of one subgraph, valid during the call it is passed to. */
typedef struct LfGraph LfGraph;

typedef struct LfGraphApi {
  int32_t (*num_nodes)(const LfGraph* g);
  /* "ADD", "CONV_2D", or the custom op's name. */
  const char* (*node_op)(const LfGraph* g, int32_t node);
  int32_t (*node_version)(const LfGraph* g, int32_t node);
  int32_t (*node_num_inputs)(const LfGraph* g, int32_t node);
  int32_t (*node_input)(const LfGraph* g, int32_t node, int32_t i); /* -1: omitted */
  int32_t (*node_num_outputs)(const LfGraph* g, int32_t node);
  int32_t (*node_output)(const LfGraph* g, int32_t node, int32_t i);
  /* A numeric attribute ("activation", "stride_w", "axis", ...; enums are
   * their format values). Returns 1 and sets *value if the node has it. */
  int32_t (*node_attribute)(const LfGraph* g, int32_t node, const char* key, double* value);
  int32_t (*num_tensors)(const LfGraph* g);
  int32_t (*tensor)(const LfGraph* g, int32_t index, LfTensor* out);
} LfGraphApi;

typedef struct LfDelegateApi {
  uint32_t abi_version; /* LF_DELEGATE_ABI_VERSION */
  const char* name;
  void* user_data;
  /* 1 if the delegate can run `node`. */
  int32_t (*supports_node)(void* user_data, const LfGraphApi* api, const LfGraph* g, int32_t node);
  /* A kernel for `nodes` (consecutive, in execution order); NULL on failure. */
  void* (*init_partition)(void* user_data, const LfGraphApi* api, const LfGraph* g,
                          const int32_t* nodes, int32_t num_nodes);
  /* Shapes are final from here on. Return 0, or non-zero with a message. */
  int32_t (*prepare_partition)(void* kernel, const LfTensor* inputs, int32_t num_inputs,
                               const LfTensor* outputs, int32_t num_outputs,
                               char* error, size_t error_size);
  int32_t (*invoke_partition)(void* kernel, const LfTensor* inputs, int32_t num_inputs,
                              const LfTensor* outputs, int32_t num_outputs,
                              char* error, size_t error_size);
  void (*free_partition)(void* kernel);
  /* Releases the delegate itself (after every partition is freed). */
  void (*destroy)(void* user_data);
} LfDelegateApi;

typedef const LfDelegateApi* (*LfDelegateCreateFn)(const char* options);

#ifdef __cplusplus
}
#endif

#endif /* LITEFORGE_RUNTIME_DELEGATE_ABI_H_ */
