"""Signals of raming, for apps above it that react to its state changes (an app may not import
upward: documenten connects to these in its ``AppConfig.ready``)."""

from django.dispatch import Signal

#: Sent inside the transaction that published a raming version (or registered an external
#: publication), with ``raming``.
raming_gepubliceerd = Signal()
