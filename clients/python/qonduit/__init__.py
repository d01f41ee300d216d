"""Qonduit's Python client: standard library only (Python 3.11+).

    from qonduit import QonduitService, Sampler
    service = QonduitService.from_job_environment()      # inside a `sbatch --qpu=NAME` job
    result = Sampler(service.resources()[0]).run([(qasm_text, {"theta": 0.3})], shots=1000)
"""

from .errors import (ConfigurationError, LeaseNotFoundError, LeaseUnavailableError, NotFoundError, ProblemError,
                     QonduitError, TaskFailedError, TaskTimeoutError, UnreachableError)
from .primitives import Estimator, EstimatorPubResult, Sampler, SamplerPubResult
from .qasm import QasmError
from .service import Lease, QonduitService, Resource

__all__ = [
    "ConfigurationError", "Estimator", "EstimatorPubResult", "Lease", "LeaseNotFoundError", "LeaseUnavailableError",
    "NotFoundError", "ProblemError", "QasmError", "QonduitError", "QonduitService", "Resource", "Sampler",
    "SamplerPubResult", "TaskFailedError", "TaskTimeoutError", "UnreachableError",
]
