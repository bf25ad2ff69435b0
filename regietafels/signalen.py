"""Signals of regietafels, for apps above it that react to its state changes (an app may not
import upward: herinneringen connects to these in its ``AppConfig.ready``)."""

from django.dispatch import Signal

#: Sent inside the transaction that granted an extension of the verslag deadline, with
#: ``verlenging`` (a ``Termijnverlenging``; ``regietafel`` None when it is for all PRTs).
termijn_verlengd = Signal()

#: Sent inside the transaction that fixed a version of the verdeelbesluit, with
#: ``verdeelbesluit``; after a revision for one gemeente also with that ``gemeente`` (else None).
verdeelbesluit_vastgesteld = Signal()

#: Sent inside the transaction that submitted a verslag, with ``versie`` (a ``VerslagVersie``).
verslag_ingediend = Signal()
