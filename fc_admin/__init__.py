"""fc-admin: back office of the Families Clinics Online Booking System."""

__version__ = "0.1.0"
