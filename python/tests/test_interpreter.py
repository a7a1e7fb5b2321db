# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""The tflite_runtime surface of liteforge.interpreter, method by method.

Values are checked against real TensorFlow Lite's golden outputs wherever a
model from ../shared/testdata runs; the small two-signature model written at
build time (write_test_models.cc) checks signatures on a second subgraph and
strict resizing of a -1 dimension.
"""

import gc
import threading

import numpy as np
import pytest

from conftest import GoldenCase, assert_matches_golden, model_path, needs_testdata
from liteforge.interpreter import Interpreter, OpResolverType, load_delegate

TFLITE_DETAIL_KEYS = {
    "name", "index", "shape", "shape_signature", "dtype", "quantization",
    "quantization_parameters", "sparsity_parameters",
}
MOBILENET = "coral__mobilenet_v1_0.25_128_quant"


def run_golden(interpreter, case):
    for detail, value in zip(interpreter.get_input_details(), case.inputs):
        interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    return [interpreter.get_tensor(d["index"]) for d in interpreter.get_output_details()]


def test_drop_in_import_paths():
    import liteforge
    from liteforge import interpreter as module
    assert liteforge.Interpreter is module.Interpreter
    assert liteforge.load_delegate is module.load_delegate
    assert callable(module.SignatureRunner)


# Construction.

def test_constructor_argument_errors():
    with pytest.raises(ValueError, match="must be specified"):
        Interpreter()
    with pytest.raises(ValueError, match="both"):
        Interpreter(model_path="a.tflite", model_content=b"xx")
    with pytest.raises(ValueError, match="type of num_threads"):
        Interpreter(model_path="a.tflite", num_threads="2")
    with pytest.raises(ValueError, match=">= -1"):
        Interpreter(model_path="a.tflite", num_threads=-2)
    with pytest.raises(ValueError, match="op resolver"):
        Interpreter(model_path="a.tflite", experimental_op_resolver_type=7)


def test_bad_model_path_and_bytes_raise_value_error(tmp_path):
    with pytest.raises(ValueError, match="nonexistent.tflite"):
        Interpreter(model_path=str(tmp_path / "nonexistent.tflite"))
    junk = tmp_path / "junk.tflite"
    junk.write_bytes(b"\x00" * 64)
    with pytest.raises(ValueError, match="junk.tflite"):
        Interpreter(model_path=str(junk))
    with pytest.raises(ValueError):
        Interpreter(model_content=b"not a model at all")


@needs_testdata
def test_model_the_engine_cannot_run_names_the_op():
    with pytest.raises(ValueError, match="fake-op-double"):
        Interpreter(model_path=model_path("coral__invalid_models_model_invoking_error"))


@needs_testdata
def test_model_content_bytes_and_bytearray_match_golden():
    case = GoldenCase(MOBILENET)
    with open(case.model_path, "rb") as f:
        content = f.read()
    for buffer in (content, bytearray(content)):
        interpreter = Interpreter(model_content=buffer)
        interpreter.allocate_tensors()
        assert_matches_golden(case, 0, run_golden(interpreter, case)[0])


@needs_testdata
@pytest.mark.parametrize("threads", [None, 0, 1, 2, -1])
def test_thread_counts_match_golden(threads):
    case = GoldenCase("coral__mobilenet_v2_1.0_224_quant")
    interpreter = Interpreter(model_path=case.model_path, num_threads=threads)
    assert_matches_golden(case, 0, run_golden(interpreter, case)[0])


@needs_testdata
def test_reference_kernels_match_golden():
    case = GoldenCase("mediapipe__hand_landmark_lite")
    interpreter = Interpreter(model_path=case.model_path,
                              experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    for i, got in enumerate(run_golden(interpreter, case)):
        assert_matches_golden(case, i, got)


# Details.

@needs_testdata
def test_io_details_have_tflite_keys_and_types():
    interpreter = Interpreter(model_path=model_path(MOBILENET))
    interpreter.allocate_tensors()
    (inp,) = interpreter.get_input_details()
    (out,) = interpreter.get_output_details()
    for d in (inp, out):
        assert set(d) == TFLITE_DETAIL_KEYS
        assert isinstance(d["name"], str) and isinstance(d["index"], int)
        assert d["shape"].dtype == np.int32 and d["shape_signature"].dtype == np.int32
        assert d["dtype"] is np.uint8
        scale, zero_point = d["quantization"]
        assert isinstance(scale, float) and isinstance(zero_point, int)
        q = d["quantization_parameters"]
        assert q["scales"].dtype == np.float32 and q["zero_points"].dtype == np.int32
        assert isinstance(q["quantized_dimension"], int)
        assert d["sparsity_parameters"] == {}
    assert inp["name"] == "input" and list(inp["shape"]) == [1, 128, 128, 3]
    assert inp["quantization"] == (0.0078125, 128)
    assert list(inp["quantization_parameters"]["scales"]) == [0.0078125]
    assert list(inp["quantization_parameters"]["zero_points"]) == [128]
    assert list(out["shape"]) == [1, 1001] and out["quantization"] == (0.00390625, 0)


@needs_testdata
def test_tensor_details_per_channel_and_float():
    interpreter = Interpreter(model_path=model_path("coral__tf2_mobilenet_v2_1.0_224_ptq"))
    details = interpreter.get_tensor_details()
    assert len(details) == interpreter._engine.num_tensors(0)
    assert [d["index"] for d in details] == list(range(len(details)))
    per_channel = [d for d in details if len(d["quantization_parameters"]["scales"]) > 1]
    assert per_channel
    for d in per_channel:
        q = d["quantization_parameters"]
        # As TFLite: the legacy (scale, zero_point) pair is empty per channel.
        assert d["quantization"] == (0.0, 0)
        assert len(q["scales"]) == d["shape"][q["quantized_dimension"]]
        assert len(q["zero_points"]) == len(q["scales"])
    floats = Interpreter(model_path=model_path("mediapipe__hand_landmark_lite")).get_input_details()
    assert floats[0]["dtype"] is np.float32
    assert floats[0]["quantization"] == (0.0, 0)
    assert floats[0]["quantization_parameters"]["scales"].size == 0
    with pytest.raises(ValueError, match="subgraph_index is out of range"):
        interpreter.get_tensor_details(5)


@needs_testdata
def test_sparsity_parameters_of_a_sparse_model():
    interpreter = Interpreter(model_path=model_path("mediapipe__face_detection_full_range_sparse"))
    sparse = [d for d in interpreter.get_tensor_details() if d["sparsity_parameters"]]
    assert sparse
    sp = sparse[0]["sparsity_parameters"]
    assert sp["traversal_order"].dtype == np.int32
    formats = [m["format"] for m in sp["dim_metadata"]]
    assert set(formats) <= {0, 1} and 1 in formats
    csr = sp["dim_metadata"][formats.index(1)]
    # The compressed values, one per stored index.
    values = interpreter.get_tensor(sparse[0]["index"])
    assert values.ndim == 1 and values.size == csr["array_segments"][-1]


@needs_testdata
def test_op_details():
    interpreter = Interpreter(model_path=model_path("coral__tf2_mobilenet_v2_1.0_224_ptq"))
    ops = interpreter._get_ops_details()
    assert ops[0]["op_name"] == "QUANTIZE"
    assert ops[0]["operand_types"] == [np.uint8] and ops[0]["result_types"] == [np.int8]
    assert ops[1]["op_name"] == "CONV_2D" and ops[1]["inputs"].dtype == np.int32


# Setting and getting.

@needs_testdata
def test_set_tensor_errors_are_value_errors():
    interpreter = Interpreter(model_path=model_path(MOBILENET))
    interpreter.allocate_tensors()
    index = interpreter.get_input_details()[0]["index"]
    with pytest.raises(ValueError, match="float32"):
        interpreter.set_tensor(index, np.zeros((1, 128, 128, 3), np.float32))
    with pytest.raises(ValueError, match="Dimension mismatch"):
        interpreter.set_tensor(index, np.zeros((1, 128, 128), np.uint8))
    with pytest.raises(ValueError, match="Dimension mismatch"):
        interpreter.set_tensor(index, np.zeros((1, 128, 3, 128), np.uint8))
    with pytest.raises(ValueError, match="int64"):
        interpreter.set_tensor(index, [[1, 2, 3]])
    with pytest.raises(ValueError, match="Invalid tensor index"):
        interpreter.set_tensor(100000, np.zeros(3, np.uint8))
    weights = next(d for d in interpreter.get_tensor_details()
                   if d["dtype"] is np.uint8 and len(d["shape"]) == 4 and d["index"] != index
                   and "weights" in d["name"])
    with pytest.raises(ValueError, match="constant"):
        interpreter.set_tensor(weights["index"], np.zeros(weights["shape"], np.uint8))


@needs_testdata
def test_set_tensor_accepts_non_contiguous_arrays():
    case = GoldenCase(MOBILENET)
    interpreter = Interpreter(model_path=case.model_path)
    transposed = np.ascontiguousarray(case.inputs[0].transpose(0, 2, 1, 3)).transpose(0, 2, 1, 3)
    assert not transposed.flags.c_contiguous
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], transposed)
    interpreter.invoke()
    assert_matches_golden(case, 0, interpreter.get_tensor(interpreter.get_output_details()[0]["index"]))


@needs_testdata
def test_get_tensor_returns_a_copy():
    case = GoldenCase(MOBILENET)
    interpreter = Interpreter(model_path=case.model_path)
    out = run_golden(interpreter, case)[0]
    out[...] = 0
    again = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    assert_matches_golden(case, 0, again)
    with pytest.raises(ValueError, match="Invalid tensor index"):
        interpreter.get_tensor(-1)


# Views.

@needs_testdata
def test_tensor_views_alias_the_interpreter_memory():
    case = GoldenCase(MOBILENET)
    interpreter = Interpreter(model_path=case.model_path)
    interpreter.allocate_tensors()
    input_view = interpreter.tensor(interpreter.get_input_details()[0]["index"])
    output_view = interpreter.tensor(interpreter.get_output_details()[0]["index"])
    input_view()[...] = case.inputs[0]
    assert np.array_equal(interpreter.get_tensor(interpreter.get_input_details()[0]["index"]),
                          case.inputs[0])
    interpreter.invoke()
    out = output_view()
    assert not out.flags.owndata
    assert_matches_golden(case, 0, np.array(out))
    # A held view blocks calls that could move the memory, as in tflite_runtime.
    with pytest.raises(RuntimeError, match="reference to internal data"):
        interpreter.invoke()
    with pytest.raises(RuntimeError, match="reference to internal data"):
        interpreter.allocate_tensors()
    del out
    gc.collect()
    interpreter.invoke()
    # Constant tensors come back read-only.
    weights = next(d for d in interpreter.get_tensor_details() if "weights" in d["name"])
    const_view = interpreter.tensor(weights["index"])()
    assert not const_view.flags.writeable
    del const_view


@needs_testdata
def test_a_view_keeps_the_memory_alive_after_the_interpreter_goes():
    case = GoldenCase(MOBILENET)
    interpreter = Interpreter(model_path=case.model_path)
    run_golden(interpreter, case)
    view = interpreter.tensor(interpreter.get_output_details()[0]["index"])()
    del interpreter
    gc.collect()
    assert_matches_golden(case, 0, np.array(view))


# Resizing.

def test_strict_resize_of_a_dynamic_batch(test_models):
    interpreter = Interpreter(model_path=str(test_models / "signatures.tflite"))
    x, y = interpreter.get_input_details()
    assert list(x["shape_signature"]) == [-1, 4] and list(x["shape"]) == [1, 4]
    interpreter.resize_tensor_input(x["index"], [3, 4], strict=True)
    interpreter.resize_tensor_input(y["index"], [3, 4], strict=True)
    # The new shape shows before allocation, as in TFLite.
    assert list(interpreter.get_input_details()[0]["shape"]) == [3, 4]
    interpreter.allocate_tensors()
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    b = np.full((3, 4), 0.5, np.float32)
    interpreter.set_tensor(x["index"], a)
    interpreter.set_tensor(y["index"], b)
    interpreter.invoke()
    out = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    assert out.shape == (3, 4) and np.array_equal(out, a + b)
    with pytest.raises(RuntimeError, match="shape signature"):
        interpreter.resize_tensor_input(x["index"], [3, 5], strict=True)
    with pytest.raises(ValueError, match="not an input"):
        interpreter.resize_tensor_input(interpreter.get_output_details()[0]["index"], [3, 4])
    with pytest.raises(ValueError, match="1D"):
        interpreter.resize_tensor_input(x["index"], [[3, 4]])
    with pytest.raises(ValueError, match="dimensions"):
        interpreter.resize_tensor_input(x["index"], [-3, 4])


@needs_testdata
def test_resize_batch_of_a_fixed_model():
    case = GoldenCase("coral__mobilenet_v2_1.0_224_inat_insect_quant")
    interpreter = Interpreter(model_path=case.model_path)
    index = interpreter.get_input_details()[0]["index"]
    with pytest.raises(RuntimeError, match="shape signature"):
        interpreter.resize_tensor_input(index, [2, 224, 224, 3], strict=True)
    interpreter.resize_tensor_input(index, [2, 224, 224, 3])
    interpreter.allocate_tensors()
    interpreter.set_tensor(index, np.concatenate([case.inputs[0]] * 2))
    interpreter.invoke()
    out = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    assert out.shape == (2, case.outputs[0].shape[1])
    for row in out:
        assert_matches_golden(case, 0, row[np.newaxis])


@needs_testdata
def test_a_reshape_that_cannot_batch_names_the_op():
    interpreter = Interpreter(model_path=model_path(MOBILENET))
    interpreter.resize_tensor_input(0, [2, 128, 128, 3])
    with pytest.raises(RuntimeError, match=r"op \d+ .*\(RESHAPE\)"):
        interpreter.allocate_tensors()


# Signatures.

def test_signatures_on_two_subgraphs(test_models):
    interpreter = Interpreter(model_path=str(test_models / "signatures.tflite"))
    assert interpreter.get_signature_list() == {
        "add": {"inputs": ["x", "y"], "outputs": ["sum"]},
        "mul": {"inputs": ["a", "b"], "outputs": ["doubled", "product"]},
    }
    assert interpreter.num_subgraphs() == 2
    with pytest.raises(ValueError, match="has 2 Signatures"):
        interpreter.get_signature_runner()
    with pytest.raises(ValueError, match="Invalid signature_key"):
        interpreter.get_signature_runner("div")
    mul = interpreter.get_signature_runner("mul")
    a = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [-1, -2, -3, -4]], np.float32)
    b = np.array([[2, 2, 2, 2], [0.5, 0.5, 0.5, 0.5], [3, 3, 3, 3]], np.float32)
    result = mul(a=a, b=b)
    assert set(result) == {"product", "doubled"}
    assert np.array_equal(result["product"], a * b)
    assert np.array_equal(result["doubled"], 2 * a * b)
    assert set(mul.get_input_details()) == {"a", "b"}
    assert list(mul.get_output_details()["product"]["shape"]) == [3, 4]
    add = interpreter.get_signature_runner("add")
    assert np.array_equal(add(x=a, y=b)["sum"], a + b)
    # Batch 1 again after batch 3.
    assert np.array_equal(mul(a=a[:1], b=b[:1])["product"], a[:1] * b[:1])
    with pytest.raises(ValueError, match="number of inputs"):
        mul(a=a)
    with pytest.raises(ValueError, match="Invalid Input name"):
        mul(a=a, c=b)
    with pytest.raises(ValueError, match="float32"):
        mul(a=a.astype(np.float64), b=b)


@needs_testdata
def test_signature_runner_of_a_real_model_matches_golden():
    case = GoldenCase("tflm__hello_world_float")
    interpreter = Interpreter(model_path=case.model_path)
    assert interpreter.get_signature_list() == {
        "serving_default": {"inputs": ["dense_input"], "outputs": ["dense_2"]}}
    runner = interpreter.get_signature_runner()
    out = runner(dense_input=case.inputs[0])
    assert_matches_golden(case, 0, out["dense_2"])


# Variables.

@needs_testdata
def test_reset_all_variables_restores_lstm_state():
    case = GoldenCase("tflm__trained_lstm")
    interpreter = Interpreter(model_path=case.model_path)
    first = run_golden(interpreter, case)[0]
    assert_matches_golden(case, 0, first)
    second = run_golden(interpreter, case)[0]
    assert not np.array_equal(first, second), "the LSTM state should carry over"
    interpreter.reset_all_variables()
    assert_matches_golden(case, 0, run_golden(interpreter, case)[0])


# Delegates.

def test_sample_delegate_runs_its_ops(test_models, sample_delegate):
    delegate = load_delegate(sample_delegate)
    assert delegate.name == "sample-elementwise"
    for _ in range(2):  # one delegate serves several interpreters
        interpreter = Interpreter(model_path=str(test_models / "signatures.tflite"),
                                  experimental_delegates=[delegate])
        x, y = interpreter.get_input_details()
        interpreter.set_tensor(x["index"], np.array([[1, 2, 3, 4]], np.float32))
        interpreter.set_tensor(y["index"], np.array([[10, 20, 30, 40]], np.float32))
        interpreter.invoke()
        out = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
        assert np.array_equal(out, [[11, 22, 33, 44]])
    assert load_delegate(sample_delegate, {"ops": "MUL"}).name == "sample-elementwise"


def test_delegate_load_errors(sample_delegate, tmp_path):
    with pytest.raises(ValueError, match="Failed to load delegate from /nonexistent/d.so"):
        load_delegate("/nonexistent/d.so")
    with pytest.raises(ValueError, match="Failed to load delegate from"):
        load_delegate(sample_delegate, {"unknown_option": 1})
    with pytest.raises(ValueError, match="experimental_delegates"):
        Interpreter(model_path=str(tmp_path / "m.tflite"), experimental_delegates=["xnnpack"])


@needs_testdata
def test_xnnpack_delegate_matches_golden():
    try:
        delegate = load_delegate("xnnpack", {"threads": 2})
    except ValueError as e:
        if "without XNNPACK" in str(e):
            pytest.skip("built without XNNPACK")
        raise
    case = GoldenCase("mediapipe__hand_landmark_lite")
    interpreter = Interpreter(model_path=case.model_path, experimental_delegates=[delegate])
    for i, got in enumerate(run_golden(interpreter, case)):
        assert_matches_golden(case, i, got)


# Intermediate tensors.

@needs_testdata
@pytest.mark.parametrize("name", ["coral__tf2_mobilenet_v2_1.0_224_ptq",
                                  "mediapipe__face_detection_short_range"])
def test_preserve_all_tensors_keeps_every_intermediate(name):
    case = GoldenCase(name)

    def intermediates(**kwargs):
        interpreter = Interpreter(model_path=case.model_path,
                                  experimental_preserve_all_tensors=True, **kwargs)
        run_golden(interpreter, case)
        produced = [int(t) for op in interpreter._get_ops_details() for t in op["outputs"]]
        return interpreter, {t: interpreter.get_tensor(t) for t in produced}

    interpreter, values = intermediates()
    ops = interpreter._get_ops_details()
    checked = 0
    # Ops whose results numpy can recompute from their preserved inputs.
    for op in ops:
        ins = [values.get(int(t)) for t in op["inputs"]]
        if any(v is None for v in ins[:1]):
            continue
        out = values[int(op["outputs"][0])]
        if op["op_name"] == "RESHAPE":
            assert np.array_equal(ins[0].reshape(out.shape), out)
        elif op["op_name"] == "DEQUANTIZE":
            scale, zero_point = interpreter._get_tensor_details(op["inputs"][0], 0)["quantization"]
            expected = (ins[0].astype(np.float32) - zero_point) * np.float32(scale)
            assert np.allclose(expected, out, rtol=1e-6, atol=0)
        elif op["op_name"] == "ADD" and out.dtype == np.float32 and ins[1] is not None:
            assert np.allclose(ins[0] + ins[1], out, rtol=1e-5, atol=1e-5)
        elif op["op_name"] == "RELU" and out.dtype == np.float32:
            assert np.array_equal(np.maximum(ins[0], 0), out)
        else:
            continue
        checked += 1
    assert checked > 0
    # The reference kernels compute the same intermediates (bit-exact for an
    # integer model): these are values, not leftovers in shared memory.
    _, reference = intermediates(experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    for t, v in values.items():
        if np.issubdtype(v.dtype, np.integer):
            assert np.array_equal(v, reference[t]), "tensor %d" % t
    # Without preservation, memory is shared and some intermediates are gone.
    shared = Interpreter(model_path=case.model_path)
    run_golden(shared, case)
    lost = 0
    for t, v in values.items():
        try:
            lost += not np.array_equal(shared.get_tensor(t), v)
        except ValueError:
            lost += 1
    assert lost > 0


# Threads.

@needs_testdata
def test_invokes_from_threads_match_golden():
    case = GoldenCase("coral__mobilenet_v1_0.5_160_quant")
    interpreters = [Interpreter(model_path=case.model_path) for _ in range(2)]
    shared = Interpreter(model_path=case.model_path)
    errors = []

    def work(interpreter, lock):
        try:
            for _ in range(5):
                if lock is None:
                    out = run_golden(interpreter, case)[0]
                else:
                    with lock:  # set+invoke+get as one unit on a shared interpreter
                        out = run_golden(interpreter, case)[0]
                assert_matches_golden(case, 0, out)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    lock = threading.Lock()
    threads = [threading.Thread(target=work, args=(i, None)) for i in interpreters]
    threads += [threading.Thread(target=work, args=(shared, lock)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
