# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""A drop-in for ``tflite_runtime.interpreter``, running on liteforge.

Replace

    from tflite_runtime.interpreter import Interpreter, load_delegate

with

    from liteforge.interpreter import Interpreter, load_delegate

and the rest of a TFLite deployment script stays as it is: the same
constructor arguments, the same methods, the same tensor-detail dicts
(``name``, ``index``, ``shape`` as an int32 array, ``shape_signature``,
``dtype`` as a numpy type, ``quantization``, ``quantization_parameters``,
``sparsity_parameters``), the same exceptions (``ValueError`` for bad
arguments and models, ``RuntimeError`` when the engine cannot allocate or
run).

Memory and lifetimes follow tflite_runtime:

* ``set_tensor`` copies the value in and ``get_tensor`` copies the tensor out;
  both are safe to keep.
* ``tensor(i)`` returns a *function*; calling it gives a numpy array that
  aliases the interpreter's memory (no copy, writable for inputs). Do not
  keep such arrays across ``allocate_tensors()``, ``resize_tensor_input()`` or
  ``invoke()``: while one is alive those calls raise ``RuntimeError``
  (a resize would free the memory it points to). Keep the function, call it
  again after each ``invoke()``.
* Without ``experimental_preserve_all_tensors=True`` intermediate tensors share
  memory, so ``get_tensor`` on them returns whatever the last op to use the
  memory left there. With it, every tensor keeps its own memory and nothing
  is evaluated ahead of time, so every intermediate can be read after
  ``invoke()``.

``invoke()`` releases the GIL: other Python threads (and other interpreters)
run while a model runs.
"""

import enum
import os

import numpy as np

from liteforge import _engine

__all__ = [
    "Delegate",
    "Interpreter",
    "OpResolverType",
    "SignatureRunner",
    "load_delegate",
]

# The engine's limit on threads per interpreter.
_MAX_THREADS = 256


def _delegate_spec(library, options):
    """'library?key=value&key=value', the form the engine's loader takes."""
    library = os.fspath(library)
    if "?" in library:
        raise ValueError("a delegate library name may not contain '?': %r" % library)
    items = []
    for key, value in (options or {}).items():
        key, value = str(key), str(value)
        for text in (key, value):
            if any(ch in text for ch in "&?="):
                raise ValueError(
                    "delegate option %r=%r: keys and values may not contain '&', '?' or '='"
                    % (key, value))
        items.append("%s=%s" % (key, value))
    return library + ("?" + "&".join(items) if items else "")


class Delegate:
    """A delegate loaded once; pass it in ``experimental_delegates``.

    ``library`` is a shared library speaking liteforge's delegate ABI
    (``liteforge/runtime/delegate_abi.h``), found like ``dlopen`` finds it, or
    ``"xnnpack"`` for the built-in XNNPACK delegate. ``options`` is a dict
    whose keys and values are turned into strings and handed to the
    delegate as ``key=value&key=value``.
    """

    def __init__(self, library, options=None):
        self._library = library
        self._loaded = _engine.load_delegate(_delegate_spec(library, options))

    @property
    def name(self):
        """The name the delegate reports (e.g. "xnnpack")."""
        return self._loaded.name

    def __repr__(self):
        return "<liteforge Delegate %r from %r>" % (self._loaded.name, self._library)


def load_delegate(library, options=None):
    """Loads a delegate; raises ValueError naming the library on failure."""
    try:
        return Delegate(library, options)
    except ValueError as e:
        raise ValueError("Failed to load delegate from {}\n{}".format(library, e)) from None


@enum.unique
class OpResolverType(enum.Enum):
    """Which kernels run the model (tflite_runtime's names).

    AUTO, BUILTIN and BUILTIN_WITHOUT_DEFAULT_DELEGATES: liteforge's fastest
    kernels for this CPU (liteforge applies no delegate by default).
    BUILTIN_REF: the portable reference kernels (slow; for debugging).
    """

    AUTO = 0
    BUILTIN = 1
    BUILTIN_REF = 2
    BUILTIN_WITHOUT_DEFAULT_DELEGATES = 3


def _thread_count(num_threads):
    if num_threads is None:
        return 1
    if not isinstance(num_threads, int) or isinstance(num_threads, bool):
        raise ValueError("type of num_threads should be int")
    if num_threads < -1:
        raise ValueError("num_threads should be >= -1")
    if num_threads == -1:
        return min(_engine.hardware_threads(), _MAX_THREADS)
    return min(max(num_threads, 1), _MAX_THREADS)


def _as_result(array):
    # A rank-0 tensor comes back as a numpy scalar, as in tflite_runtime.
    return array[()] if array.ndim == 0 else array


class SignatureRunner:
    """Runs one SignatureDef of a model: call it with keyword inputs.

        runner = interpreter.get_signature_runner("serving_default")
        outputs = runner(input=image)          # {"output_0": array, ...}

    Each call resizes the inputs to the arrays given, allocates, copies the
    inputs in, invokes and returns copies of the outputs. Do not call other
    methods of the interpreter from another thread during a call.
    """

    def __init__(self, interpreter=None, signature_key=None):
        if not interpreter:
            raise ValueError("None interpreter provided.")
        if not signature_key:
            raise ValueError("None signature_key provided.")
        defs = interpreter._get_full_signature_list()
        if signature_key not in defs:
            raise ValueError("Invalid signature_key provided: %r (the model has %s)"
                             % (signature_key, sorted(defs) or "no signatures"))
        self._interpreter = interpreter
        self._engine = interpreter._engine
        self._signature_key = signature_key
        self._inputs = defs[signature_key]["inputs"]
        self._outputs = defs[signature_key]["outputs"]
        self._subgraph_index = self._engine.signature_subgraph(signature_key)

    def __call__(self, **kwargs):
        if len(kwargs) != len(self._inputs):
            raise ValueError(
                "Invalid number of inputs provided for running a SignatureDef, "
                "expected %d vs provided %d" % (len(self._inputs), len(kwargs)))
        for name in kwargs:
            if name not in self._inputs:
                raise ValueError("Invalid Input name (%s) for SignatureDef %r; its inputs are %s"
                                 % (name, self._signature_key, list(self._inputs)))
        values = {name: np.asarray(value) for name, value in kwargs.items()}
        for name, value in values.items():
            self._engine.resize_input(self._inputs[name], list(value.shape), False,
                                      self._subgraph_index)
        self._engine.allocate_tensors(self._subgraph_index)
        for name, value in values.items():
            self._engine.set_tensor(self._inputs[name], value, self._subgraph_index)
        self._engine.invoke(self._subgraph_index)
        return {
            name: _as_result(self._engine.get_tensor(index, self._subgraph_index))
            for name, index in self._outputs.items()
        }

    def get_input_details(self):
        """{input name: tensor details} for this signature."""
        return {
            name: self._engine.tensor_details(index, self._subgraph_index)
            for name, index in self._inputs.items()
        }

    def get_output_details(self):
        """{output name: tensor details} for this signature."""
        return {
            name: self._engine.tensor_details(index, self._subgraph_index)
            for name, index in self._outputs.items()
        }


class Interpreter:
    """Runs a .tflite model; the interface of tflite_runtime's Interpreter.

    Args:
      model_path: path of a .tflite file (memory-mapped; weights are not
        copied).
      model_content: the model's bytes instead of a path. A ``bytes`` object
        is used in place (and kept alive); other buffers are copied.
      experimental_delegates: delegates from ``load_delegate()``; each claims
        the ops it can run, in order.
      num_threads: threads for the kernels; None or 0 means 1, -1 means one
        per CPU core.
      experimental_op_resolver_type: ``OpResolverType.BUILTIN_REF`` runs the
        portable reference kernels; anything else the fastest for this CPU.
      experimental_preserve_all_tensors: keep every intermediate tensor
        readable after ``invoke()`` (more memory, no ahead-of-time folding).
      experimental_disable_delegate_clustering,
      experimental_default_delegate_latest_features: accepted for
        compatibility; liteforge keeps the model's op order and applies no
        default delegate, so they change nothing.

    Raises:
      ValueError: the model cannot be read or planned, or an argument is bad.
    """

    def __init__(self,
                 model_path=None,
                 model_content=None,
                 experimental_delegates=None,
                 num_threads=None,
                 experimental_op_resolver_type=OpResolverType.AUTO,
                 experimental_preserve_all_tensors=False,
                 experimental_disable_delegate_clustering=False,
                 experimental_default_delegate_latest_features=False):
        del experimental_disable_delegate_clustering
        del experimental_default_delegate_latest_features
        if not isinstance(experimental_op_resolver_type, OpResolverType):
            raise ValueError("Unrecognized passed in op resolver type: {}".format(
                experimental_op_resolver_type))
        threads = _thread_count(num_threads)
        self._delegates = list(experimental_delegates or [])
        for delegate in self._delegates:
            if not isinstance(delegate, Delegate):
                raise ValueError("experimental_delegates takes delegates from load_delegate(), "
                                 "got %r" % (delegate,))
        loaded = [d._loaded for d in self._delegates]
        reference = experimental_op_resolver_type == OpResolverType.BUILTIN_REF
        preserve = bool(experimental_preserve_all_tensors)
        has_path = model_path is not None and model_path != ""
        has_content = model_content is not None and len(model_content) > 0
        if has_path and not has_content:
            self._engine = _engine.Engine.from_file(os.fspath(model_path), threads, preserve,
                                                    reference, loaded)
        elif has_content and not has_path:
            self._model_content = model_content
            self._engine = _engine.Engine.from_buffer(model_content, threads, preserve,
                                                      reference, loaded)
        elif not has_path and not has_content:
            raise ValueError("`model_path` or `model_content` must be specified.")
        else:
            raise ValueError("Can't both provide `model_path` and `model_content`")
        self._signature_defs = self.get_signature_list()

    # Memory and running.

    def allocate_tensors(self):
        """Plans memory for the current input shapes and prepares every op.

        The constructor already allocates for the model's shapes; call this
        after ``resize_tensor_input``.
        """
        self._engine.allocate_tensors(0)

    def invoke(self):
        """Runs the model on the inputs set. Releases the GIL while running.

        Raises:
          RuntimeError: an op failed (the message names it), or a numpy view
            from ``tensor()`` is still alive.
        """
        self._engine.invoke(0)

    def reset_all_variables(self):
        """Restores every variable tensor (e.g. LSTM state) to its start value."""
        self._engine.reset_all_variables()

    def resize_tensor_input(self, input_index, tensor_size, strict=False):
        """Changes an input's shape; call ``allocate_tensors()`` afterwards.

        Args:
          input_index: the input's tensor index (``get_input_details()[i]["index"]``).
          tensor_size: the new shape.
          strict: only allow changing dimensions that are -1 in the input's
            ``shape_signature``.

        Raises:
          ValueError: ``input_index`` is not an input, or the shape is bad.
          RuntimeError: a strict resize touches a fixed dimension.
        """
        shape = np.array(tensor_size, dtype=np.int32)
        if shape.ndim != 1:
            raise ValueError("Shape should be 1D instead of %d." % shape.ndim)
        self._engine.resize_input(int(input_index), [int(d) for d in shape], bool(strict), 0)

    # Tensors.

    def set_tensor(self, tensor_index, value):
        """Copies ``value`` into a tensor; its dtype and shape must match.

        Raises:
          ValueError: wrong dtype or shape, unknown index, or a constant tensor.
        """
        self._engine.set_tensor(int(tensor_index), value, 0)

    def get_tensor(self, tensor_index, subgraph_index=0):
        """Returns a copy of a tensor's current value."""
        return _as_result(self._engine.get_tensor(int(tensor_index), int(subgraph_index)))

    def tensor(self, tensor_index):
        """Returns a function giving a numpy view of the tensor's memory.

        The view aliases the interpreter's memory: writing it sets an input
        without a copy, reading it after ``invoke()`` reads an output without
        a copy. Hold the function, not the array: while an array from it is
        alive, ``invoke()``, ``allocate_tensors()`` and
        ``resize_tensor_input()`` raise RuntimeError.

            input = interpreter.tensor(interpreter.get_input_details()[0]["index"])
            output = interpreter.tensor(interpreter.get_output_details()[0]["index"])
            for frame in frames:
                input()[0] = frame
                interpreter.invoke()
                print(output()[0].argmax())
        """
        tensor_index = int(tensor_index)
        return lambda: self._engine.tensor_view(tensor_index)

    # Details.

    def _get_tensor_details(self, tensor_index, subgraph_index):
        return self._engine.tensor_details(int(tensor_index), int(subgraph_index))

    def get_input_details(self):
        """One details dict per model input, in the model's order."""
        return [self._engine.tensor_details(i, 0) for i in self._engine.input_indices()]

    def get_output_details(self):
        """One details dict per model output, in the model's order."""
        return [self._engine.tensor_details(i, 0) for i in self._engine.output_indices()]

    def get_tensor_details(self, subgraph_index=0):
        """Details of every tensor of a subgraph."""
        num_subgraphs = self._engine.num_subgraphs()
        if subgraph_index < 0 or subgraph_index >= num_subgraphs:
            raise ValueError(
                "subgraph_index is out of range: {} for the model, which has {} subgraphs."
                .format(subgraph_index, num_subgraphs))
        details = []
        for i in range(self._engine.num_tensors(subgraph_index)):
            try:
                details.append(self._engine.tensor_details(i, subgraph_index))
            except ValueError:
                pass  # a tensor numpy cannot describe (string, resource, ...)
        return details

    def _get_op_details(self, op_index):
        """Tensor indices and types of one op of the main subgraph (experimental)."""
        details = self._engine.op_details(int(op_index), 0)
        details["operand_types"] = [
            self._engine.tensor_details(int(t), 0)["dtype"] for t in details["inputs"] if t != -1
        ]
        details["result_types"] = [
            self._engine.tensor_details(int(t), 0)["dtype"] for t in details["outputs"] if t != -1
        ]
        return details

    def _get_ops_details(self):
        """_get_op_details() of every op of the main subgraph, in order."""
        return [self._get_op_details(i) for i in range(self._engine.num_ops(0))]

    def num_subgraphs(self):
        """The number of subgraphs in the model."""
        return self._engine.num_subgraphs()

    # Signatures.

    def _get_full_signature_list(self):
        return self._engine.signature_defs()

    def get_signature_list(self):
        """{signature key: {"inputs": [names], "outputs": [names]}}."""
        defs = self._engine.signature_defs()
        return {
            key: {"inputs": list(d["inputs"]), "outputs": list(d["outputs"])}
            for key, d in defs.items()
        }

    def get_signature_runner(self, signature_key=None):
        """A callable running one signature with keyword inputs.

        ``signature_key`` may be None when the model has exactly one
        signature.
        """
        if signature_key is None:
            if len(self._signature_defs) != 1:
                raise ValueError(
                    "SignatureDef signature_key is None and model has {0} Signatures. "
                    "None is only allowed when the model has 1 SignatureDef".format(
                        len(self._signature_defs)))
            signature_key = next(iter(self._signature_defs))
        return SignatureRunner(interpreter=self, signature_key=signature_key)
