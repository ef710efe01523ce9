"""General MIDI percussion (channel 10, notes 35–81) and the drum classes they belong to.

One table, :data:`GM_DRUMS`, is the source of truth: the one-shot corpus labels every rendered
hit with the class of its GM note, and the daemon puts GM note ``PAD_BASE_NOTE + n`` on pad
``n`` (``note_for_pad``). Class names are folder names (``OUT/audio/<class>/``) and are also what
a user's sub-folders may be called (:func:`class_for_folder`; a few aliases such as ``kicks``,
``bd`` or ``hh`` are understood, any other name stays a class of its own).
"""

from __future__ import annotations

import re

PAD_BASE_NOTE = 36     # pad 0 plays GM note 36 (Bass Drum 1), pad n plays 36 + n

#: the drum classes, in the order a model's class index or a report lists them
CLASSES: tuple[str, ...] = (
    "kick", "snare", "side_stick", "clap", "closed_hat", "pedal_hat", "open_hat",
    "low_tom", "mid_tom", "high_tom", "crash", "ride", "splash_china",
    "shaker_tambourine", "bell_block", "other",
)

#: GM note → (GM Level 1 name, class). Floor toms are low, the two "low/low-mid" toms mid,
#: "hi-mid/high" high; the ride bell is a ride (it is the same cymbal); hand drums, whistles,
#: guiros and cuicas are "other".
GM_DRUMS: dict[int, tuple[str, str]] = {
    35: ("Acoustic Bass Drum", "kick"),
    36: ("Bass Drum 1", "kick"),
    37: ("Side Stick", "side_stick"),
    38: ("Acoustic Snare", "snare"),
    39: ("Hand Clap", "clap"),
    40: ("Electric Snare", "snare"),
    41: ("Low Floor Tom", "low_tom"),
    42: ("Closed Hi-Hat", "closed_hat"),
    43: ("High Floor Tom", "low_tom"),
    44: ("Pedal Hi-Hat", "pedal_hat"),
    45: ("Low Tom", "mid_tom"),
    46: ("Open Hi-Hat", "open_hat"),
    47: ("Low-Mid Tom", "mid_tom"),
    48: ("Hi-Mid Tom", "high_tom"),
    49: ("Crash Cymbal 1", "crash"),
    50: ("High Tom", "high_tom"),
    51: ("Ride Cymbal 1", "ride"),
    52: ("Chinese Cymbal", "splash_china"),
    53: ("Ride Bell", "ride"),
    54: ("Tambourine", "shaker_tambourine"),
    55: ("Splash Cymbal", "splash_china"),
    56: ("Cowbell", "bell_block"),
    57: ("Crash Cymbal 2", "crash"),
    58: ("Vibraslap", "other"),
    59: ("Ride Cymbal 2", "ride"),
    60: ("Hi Bongo", "other"),
    61: ("Low Bongo", "other"),
    62: ("Mute Hi Conga", "other"),
    63: ("Open Hi Conga", "other"),
    64: ("Low Conga", "other"),
    65: ("High Timbale", "other"),
    66: ("Low Timbale", "other"),
    67: ("High Agogo", "bell_block"),
    68: ("Low Agogo", "bell_block"),
    69: ("Cabasa", "shaker_tambourine"),
    70: ("Maracas", "shaker_tambourine"),
    71: ("Short Whistle", "other"),
    72: ("Long Whistle", "other"),
    73: ("Short Guiro", "other"),
    74: ("Long Guiro", "other"),
    75: ("Claves", "bell_block"),
    76: ("Hi Wood Block", "bell_block"),
    77: ("Low Wood Block", "bell_block"),
    78: ("Mute Cuica", "other"),
    79: ("Open Cuica", "other"),
    80: ("Mute Triangle", "bell_block"),
    81: ("Open Triangle", "bell_block"),
}
GM_NOTES: tuple[int, ...] = tuple(GM_DRUMS)

#: folder names understood as a class besides the class names themselves
ALIASES: dict[str, str] = {
    "kicks": "kick", "bd": "kick", "bass_drum": "kick", "kick_drum": "kick",
    "snares": "snare", "sd": "snare", "rimshot": "snare",
    "sidestick": "side_stick", "rim": "side_stick", "stick": "side_stick",
    "claps": "clap", "handclap": "clap", "snap": "clap",
    "closed_hats": "closed_hat", "closed_hihat": "closed_hat", "hh": "closed_hat",
    "ch": "closed_hat", "hihat_closed": "closed_hat",
    "pedal_hats": "pedal_hat", "pedal_hihat": "pedal_hat", "hihat_pedal": "pedal_hat",
    "open_hats": "open_hat", "open_hihat": "open_hat", "oh": "open_hat", "hihat_open": "open_hat",
    "low_toms": "low_tom", "floor_tom": "low_tom", "mid_toms": "mid_tom",
    "high_toms": "high_tom", "hi_tom": "high_tom",
    "crashes": "crash", "rides": "ride", "ride_bell": "ride",
    "splash": "splash_china", "china": "splash_china",
    "shaker": "shaker_tambourine", "shakers": "shaker_tambourine",
    "tambourine": "shaker_tambourine", "tambourines": "shaker_tambourine",
    "bell": "bell_block", "bells": "bell_block", "cowbell": "bell_block",
    "block": "bell_block", "blocks": "bell_block", "woodblock": "bell_block",
    "perc": "other", "percussion": "other",
}


def gm_class(note: int) -> str:
    """The class of a GM percussion note (``other`` outside 35–81)."""
    return GM_DRUMS.get(int(note), ("", "other"))[1]


def gm_name(note: int) -> str:
    """The GM Level 1 name of a percussion note (``note N`` outside 35–81)."""
    return GM_DRUMS.get(int(note), (f"note {int(note)}", ""))[0]


def notes_of(cls: str) -> tuple[int, ...]:
    """The GM notes whose class is ``cls`` (ascending)."""
    return tuple(n for n, (_, c) in GM_DRUMS.items() if c == cls)


def note_for_pad(pad: int) -> int:
    """The GM note pad ``pad`` (0-based) plays: ``PAD_BASE_NOTE + pad``."""
    return PAD_BASE_NOTE + int(pad)


def pad_for_note(note: int) -> int | None:
    """The pad a GM note lands on, or None below ``PAD_BASE_NOTE``."""
    return int(note) - PAD_BASE_NOTE if int(note) >= PAD_BASE_NOTE else None


def slug(name: str) -> str:
    """A folder name as a class key: lower case, runs of space/dash/dot as one underscore."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def class_for_folder(name: str) -> str:
    """The class a user's sub-folder name stands for; an unknown name is its own class."""
    key = slug(name)
    if key in CLASSES:
        return key
    return ALIASES.get(key, ALIASES.get(key.replace("_", ""), key or "other"))
