"""Qonduit's Python client: standard library only (Python 3.11+).

    from qonduit import QonduitService, Sampler
    service = QonduitService.from_job_environment()      # inside a `sbatch --qpu=NAME` job
    job = Sampler(service.resources()[0]).run([(qasm_text, {"theta": [0.1, 0.2, 0.3]}, 1000)])
    counts = job.result()[0].data.c.get_counts(loc=2)      # register c, parameter set theta=0.3
"""

from .arrays import ShapedFloat, ShapedList
from .containers import BitArray, DataBin, EstimatorPubResult, PrimitiveResult, PubResult, SamplerPubResult
from .errors import (ConfigurationError, LeaseNotFoundError, LeaseUnavailableError, NotFoundError, PrimitiveInputError,
                     ProblemError, QonduitError, TaskFailedError, TaskTimeoutError, UnreachableError)
from .job import JobStatus, PrimitiveJob
from .primitives import Estimator, Sampler
from .qasm import QasmError
from .service import Lease, QonduitService, Resource

__all__ = [
    "BitArray", "ConfigurationError", "DataBin", "Estimator", "EstimatorPubResult", "JobStatus", "Lease",
    "LeaseNotFoundError", "LeaseUnavailableError", "NotFoundError", "PrimitiveInputError", "PrimitiveJob",
    "PrimitiveResult", "ProblemError", "PubResult", "QasmError", "QonduitError", "QonduitService", "Resource", "Sampler",
    "SamplerPubResult", "ShapedFloat", "ShapedList", "TaskFailedError", "TaskTimeoutError", "UnreachableError",
]
