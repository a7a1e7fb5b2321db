# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Post-training quantization with the interface of ``tf.lite.TFLiteConverter``.

A TensorFlow quantization script keeps its settings and changes where the
converter comes from:

    # converter = tf.lite.TFLiteConverter.from_saved_model("model/")
    from liteforge.lite import TFLiteConverter, Optimize, OpsSet
    converter = TFLiteConverter.from_tflite("model_float.tflite")
    converter.optimizations = [Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = np.int8
    converter.inference_output_type = np.int8
    tflite_model = converter.convert()           # bytes of the .tflite

liteforge converts from a float ``.tflite`` model (``from_tflite``,
``from_tflite_content``): it has no SavedModel, Keras or concrete-function
importer yet, and ``from_saved_model`` & co. say so instead of pretending.
The quantization mode is chosen from the settings as TensorFlow chooses it:

* no ``optimizations``: the model is returned unchanged (after verifying it);
* ``Optimize.DEFAULT`` (``OPTIMIZE_FOR_SIZE`` and ``OPTIMIZE_FOR_LATENCY``
  are aliases) alone: dynamic range (int8 weights, float activations);
* ... with ``target_spec.supported_types = [np.float16]``: float16 weights;
* ... with a ``representative_dataset``: full integer (int8 activations),
  leaving ops without an int8 kernel in float32, or failing on the first
  such op, naming it, when ``supported_ops`` is ``{TFLITE_BUILTINS_INT8}``
  alone;
* ... with ``supported_ops`` containing
  ``EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8``: int16
  activations with int8 weights (float fallback only when
  ``TFLITE_BUILTINS`` is in the set too).

``inference_input_type`` / ``inference_output_type`` may be ``np.int8`` or
``np.uint8`` with full integer quantization, ``np.int16`` with int16x8, and
must be ``np.float32`` otherwise. Types may be numpy types, dtype names
(``"int8"``) or TensorFlow ``tf.DType`` objects; enum members may be
liteforge's or TensorFlow's (they are compared by name).

Beyond TensorFlow: ``calibration_method`` (``"minmax"``, TFLite's and the
default; ``"percentile"``, ``"entropy"``, ``"mse"``), ``calibration_percentile``,
``num_threads`` (calibration threads), ``min_weight_elements`` (dynamic
range: smaller weights stay float32; TensorFlow's threshold, 1024) and,
after ``convert()``, ``quantization_report`` (sizes, ops quantized, ops left
in float32 and why). docs/quantization.md describes each mode.

The representative dataset is drawn completely before quantizing starts
(the quantizer then runs without the GIL and never calls back into Python).
"""

import enum
import logging

import numpy as np

from liteforge import _engine

__all__ = [
    "Optimize",
    "OpsSet",
    "RepresentativeDataset",
    "TFLiteConverter",
    "TargetSpec",
]

_log = logging.getLogger(__name__)


class Optimize(enum.Enum):
    """What to optimize for; every member but EXPERIMENTAL_SPARSITY means DEFAULT."""

    DEFAULT = "DEFAULT"
    OPTIMIZE_FOR_SIZE = "OPTIMIZE_FOR_SIZE"
    OPTIMIZE_FOR_LATENCY = "OPTIMIZE_FOR_LATENCY"
    # Accepted for compatibility; liteforge does not sparsify weights.
    EXPERIMENTAL_SPARSITY = "EXPERIMENTAL_SPARSITY"

    def __str__(self):
        return str(self.value)


class OpsSet(enum.Enum):
    """The op sets a converted model may use."""

    TFLITE_BUILTINS = "TFLITE_BUILTINS"
    # Accepted for compatibility: converting from .tflite there are no
    # TensorFlow ops; it allows float fallback like TFLITE_BUILTINS.
    SELECT_TF_OPS = "SELECT_TF_OPS"
    TFLITE_BUILTINS_INT8 = "TFLITE_BUILTINS_INT8"
    EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8 = (
        "EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8")

    def __str__(self):
        return str(self.value)

    @staticmethod
    def get_options():
        """The names of the members, as TensorFlow's OpsSet.get_options()."""
        return [str(option) for option in list(OpsSet)]


_ENABLING_OPTIMIZATIONS = {"DEFAULT", "OPTIMIZE_FOR_SIZE", "OPTIMIZE_FOR_LATENCY"}
_CLI_STRICT_CLAUSE = "; --strict forbids float ops (drop --strict to keep it float32)"
_INT16X8 = OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8.name


class RepresentativeDataset:
    """Wraps a generator function yielding representative input samples.

    ``input_gen()`` returns an iterable of samples; a sample is a list (or
    tuple) of numpy arrays in the model's input order, each with the
    input's exact shape (batch dimension included), or a dict keyed by input
    name (the tensor name, or the signature's input name), or for a
    one-input model a single array. Values are real (float) numbers; they
    are converted to float32. 100-500 samples typical of deployment are usual.
    """

    def __init__(self, input_gen):
        self.input_gen = input_gen


class TargetSpec:
    """What the converted model may use: ``supported_ops``, ``supported_types``."""

    def __init__(self, supported_ops=None, supported_types=None,
                 experimental_select_user_tf_ops=None,
                 experimental_supported_backends=None):
        self.supported_ops = {OpsSet.TFLITE_BUILTINS} if supported_ops is None else supported_ops
        self.supported_types = set() if supported_types is None else supported_types
        # Accepted for compatibility; they concern TensorFlow ops and backends.
        self.experimental_select_user_tf_ops = experimental_select_user_tf_ops or set()
        self.experimental_supported_backends = experimental_supported_backends


def _member_name(value, enum_type, what):
    """The member name of a liteforge or TensorFlow enum member, or of a string."""
    name = value.name if isinstance(value, enum.Enum) else value
    if isinstance(name, str):
        if name in enum_type.__members__:
            return name
        # TensorFlow's members' values equal their names; accept either.
        for member in enum_type:
            if member.value == name:
                return member.name
    raise ValueError("%s: %r is not one of %s" % (
        what, value, ", ".join("%s.%s" % (enum_type.__name__, m) for m in enum_type.__members__)))


def _as_dtype(value, what):
    """A numpy dtype from a numpy type, a dtype name or a tf.DType."""
    if value is None:
        return np.dtype(np.float32)
    numpy_type = getattr(value, "as_numpy_dtype", None)  # tf.DType
    if numpy_type is not None:
        value = numpy_type
    try:
        return np.dtype(value)
    except TypeError:
        raise ValueError("%s: %r is not a type (use e.g. np.int8 or 'int8')" % (what, value)) from None


def _iterable(value, what):
    if isinstance(value, (str, bytes, enum.Enum)):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise ValueError("%s must be a list or set, got %r" % (what, value)) from None


_NOT_IMPORTED = (
    "liteforge has no {what} importer yet: convert the model to a float .tflite "
    "(e.g. with TensorFlow's converter, without optimizations) and use "
    "TFLiteConverter.from_tflite(path) or from_tflite_content(bytes)")


class TFLiteConverter:
    """Post-training quantization of a float .tflite model (``tf.lite.TFLiteConverter``)."""

    def __init__(self, model_content, origin="<model_content>"):
        self._model = bytes(model_content)
        self._origin = origin
        # TensorFlow's attributes.
        self.optimizations = set()
        self.representative_dataset = None
        self.target_spec = TargetSpec()
        self.inference_input_type = np.float32
        self.inference_output_type = np.float32
        # Accepted for compatibility; they change nothing when the input is
        # already a .tflite model.
        self.allow_custom_ops = False
        self.experimental_new_converter = True
        self.experimental_new_quantizer = True
        # liteforge's own.
        self.calibration_method = "minmax"
        self.calibration_percentile = 99.99
        self.num_threads = 1
        self.min_weight_elements = 1024
        self.quantization_report = None

    # -- constructors -----------------------------------------------------

    @classmethod
    def from_tflite(cls, model_path):
        """A converter for the float .tflite file at ``model_path`` (liteforge's)."""
        with open(model_path, "rb") as f:
            return cls(f.read(), origin=str(model_path))

    @classmethod
    def from_tflite_content(cls, model_content):
        """A converter for float .tflite bytes (any buffer) (liteforge's)."""
        return cls(model_content)

    @classmethod
    def from_saved_model(cls, saved_model_dir, signature_keys=None, tags=None):
        raise NotImplementedError(_NOT_IMPORTED.format(what="SavedModel"))

    @classmethod
    def from_keras_model(cls, model):
        raise NotImplementedError(_NOT_IMPORTED.format(what="Keras"))

    @classmethod
    def from_concrete_functions(cls, funcs, trackable_obj=None):
        raise NotImplementedError(_NOT_IMPORTED.format(what="concrete-function"))

    # -- conversion -------------------------------------------------------

    def _mode(self):
        """(mode, strict) from the settings, by TensorFlow's rules."""
        optimizations = {_member_name(o, Optimize, "optimizations")
                         for o in _iterable(self.optimizations, "optimizations")}
        if "EXPERIMENTAL_SPARSITY" in optimizations:
            _log.warning("Optimize.EXPERIMENTAL_SPARSITY is ignored: liteforge does not "
                         "sparsify weights")
        ops = {_member_name(o, OpsSet, "target_spec.supported_ops")
               for o in _iterable(self.target_spec.supported_ops, "target_spec.supported_ops")}
        types = [_as_dtype(t, "target_spec.supported_types")
                 for t in _iterable(self.target_spec.supported_types, "target_spec.supported_types")]
        if types and set(types) == {np.dtype(np.int8)}:
            ops = {OpsSet.TFLITE_BUILTINS_INT8.name}  # TensorFlow's reading of supported_types=[int8]
        int8_required = "TFLITE_BUILTINS_INT8" in ops or np.dtype(np.int8) in types
        int16_required = _INT16X8 in ops
        allow_float = "TFLITE_BUILTINS" in ops or "SELECT_TF_OPS" in ops
        dataset = self.representative_dataset
        if int8_required and int16_required:
            raise ValueError("target_spec.supported_ops asks for both int8 activations "
                             "(TFLITE_BUILTINS_INT8) and int16 activations (%s); choose one"
                             % _INT16X8)
        if int8_required and dataset is None:
            raise ValueError("For full integer quantization, a `representative_dataset` must "
                             "be specified.")
        if not optimizations & _ENABLING_OPTIMIZATIONS:
            return "none", False
        smallest = min(types, key=lambda t: t.itemsize) if types else np.dtype(np.int8)
        if int16_required:
            if dataset is None:
                raise ValueError("int16x8 quantization (%s) needs a `representative_dataset`"
                                 % _INT16X8)
            return "int16x8", not allow_float
        if smallest == np.dtype(np.float16):
            return "float16", False
        if smallest != np.dtype(np.int8):
            return "none", False  # e.g. supported_types=[float32]: nothing to do, as in TF
        if dataset is not None:
            return "int8", int8_required and not allow_float
        return "dynamic", False

    def _boundary_types(self, mode):
        allowed = {"int8": ["float32", "int8", "uint8"], "int16x8": ["float32", "int16"]}.get(
            mode, ["float32"])
        names = []
        for what in ("inference_input_type", "inference_output_type"):
            name = _as_dtype(getattr(self, what), what).name
            if name not in allowed:
                if mode in ("int8", "int16x8"):
                    raise ValueError("The inference_input_type and inference_output_type must be "
                                     "in %s for %s quantization; %s is %s" % (
                                         allowed, mode, what, name))
                raise ValueError(
                    "The inference_input_type and inference_output_type must be float32 unless "
                    "the model is fully integer quantized (optimizations=[Optimize.DEFAULT] and a "
                    "representative_dataset); %s is %s" % (what, name))
            names.append(name)
        return names

    def _samples(self):
        dataset = self.representative_dataset
        if isinstance(dataset, RepresentativeDataset) or hasattr(dataset, "input_gen"):
            dataset = dataset.input_gen
        source = dataset() if callable(dataset) else dataset
        try:
            iterator = iter(source)
        except TypeError:
            raise ValueError("representative_dataset must be a function returning an iterable of "
                             "samples (a generator), got %r" % (source,)) from None
        return [_as_sample(sample) for sample in iterator]

    def convert(self):
        """Returns the converted model as ``bytes`` of a .tflite file."""
        mode, strict = self._mode()
        input_type, output_type = self._boundary_types(mode)
        samples = self._samples() if mode in ("int8", "int16x8") else None
        method = self.calibration_method or "minmax"
        try:
            model, report = _engine.quantize(
                self._model, self._origin, mode, input_type, output_type, strict, str(method),
                float(self.calibration_percentile), int(self.num_threads),
                int(self.min_weight_elements), samples)
        except RuntimeError as e:
            message = str(e)
            if not (strict and "strict" in message):
                raise
            # The engine words it for the command line's --strict.
            message = message.replace(_CLI_STRICT_CLAUSE, "")
            raise RuntimeError(
                "%s; target_spec.supported_ops allows no float fallback (add "
                "OpsSet.TFLITE_BUILTINS to keep such ops in float32)" % message) from None
        self.quantization_report = report
        for warning in report["warnings"]:
            _log.warning("%s", warning)
        return model


def _as_sample(sample):
    """A sample in a form the engine reads: dict, list, tuple or array."""
    if isinstance(sample, (dict, list, tuple, np.ndarray)):
        return sample
    if hasattr(sample, "__array__"):  # e.g. a tf.Tensor yielded alone
        return np.asarray(sample)
    if hasattr(sample, "keys"):
        return dict(sample)
    if not isinstance(sample, (str, bytes)):
        try:
            return list(sample)
        except TypeError:
            pass
    return sample  # the engine names its type in the error
