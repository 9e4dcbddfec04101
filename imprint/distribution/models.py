from .cite.models import CrossrefDeposit, DepositStatus

__all__ = ["CrossrefDeposit", "DepositStatus"]
