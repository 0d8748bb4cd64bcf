"""The gazetteer: loads the shipped tables (or a user's GeoNames dump) and finds place names in text.

`find` scans capitalised tokens only, looks up token n-grams (longest first) among the sorted strict
name keys, falls back to the skeleton index (64-bit hashes), and rejects the usual false friends (stopwords, common English
words for small places, parts of longer proper names, short all-caps acronyms).
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from coder.memo import register

from .heads import Heads, head_len, heads_of, read_heads
from .memo import MISS, memo_get, memo_put
from .normalize import APOSTROPHES, ARTICLES, join_key, key_hash, name_key, norm_token, skeleton, skel_token
from .types import GeoEntry, PlaceMention, new_entry, new_mention

DATA = Path(__file__).resolve().parent / "data"
_CACHE: dict[str, "Gazetteer"] = {}
MAX_TOKENS = 6
# `find` reads on after a word by its `_token_status`: (words to read: the longest name it starts plus one
# for the glue check, prune by name prefixes (not for skeleton lengths, +8), index of the glue-check word)
_READ_PLAN = tuple((min((st & 7) + 1, MAX_TOKENS), not st & 8, st & 7) for st in range(32))
BIG_PLACE = 200_000  # a one-word place that is also an English word must be at least this big


_TOK = rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*"
# Tokens that start with a Latin capital or a digit (Latin Extended blocks mix cases: checked again in find).
# The first letter comes first and the look-behind after it (same matches): a pattern that starts with a
# character set lets the scan skip other characters in C, ~2.5x faster than testing a look-behind everywhere.
_GAP = r"(?:[ \t\u00a0]|[ \t]?[-‐–][ \t]?)"  # between two words of a name
# Group 1, in a look-ahead (the match is the token alone): the word after the token, past one gap, as
# _NEXT_RE would read it there; None when there is none. `find` reads most runs' second word so, in C.
_CAP_RE = re.compile(rf"[A-Z0-9À-ÖØ-ÞĀ-ɏḀ-ỿ](?<![^\W_{APOSTROPHES}].)[^\W_]*(?:[{APOSTROPHES}][^\W_]+)*"
                     rf"(?={_GAP}({_TOK})|)")
_NEXT_RE = re.compile(rf"{_GAP}({_TOK})")
_GAP_FIRST = frozenset(" \t\u00a0-‐–")  # what _NEXT_RE's match starts with
# After a run: a hyphen and the word after it, or blanks and the next word (what `_match_run` reads after a
# run, but for "news agency": `_hyphen_compound` reads the word after a hyphen, _AFTER_RE a blank and a word)
_TAIL_RE = re.compile(r"[-‐][^\W_]*|[ \t]*[^\W_]*")
# `find` reads no glue-check word after a lowercase word that would end a name as long as the longest one
# the run's first word starts (`_plan` skips such a name, so what glues on to it does not matter); False
# reads it as before (the tests compare both)
_LOWER_STOP = True


def _ends_no_name(word: str) -> bool:
    """A lowercase word (see _LOWER_STOP): no name `_plan` reads ends in one."""
    return not word[:1].isupper() and word.isalpha()


_NO_RUN = ()  # `_runs`: the run names nothing
_DEEPER = (None,)  # `_runs`: the outcome reads words before the previous one: see the key of three words back
_NEVER = (None, None)  # `_runs`: the outcome reads further than a key holds: work it out each time
# three (gap, word) pairs before a position, read on the reversed text as _PREV_REV_RE reads one
_PREV3_REV_RE = re.compile(rf"(?:[ \t\u00a0\-‐]*(?:[^\W_]+|[{APOSTROPHES}]+)*){{0,3}}")
_DIRECTIONS = frozenset(
    "north south east west central northern southern eastern western upper lower rural mid northeastern "
    "northwestern southeastern southwestern northeast northwest southeast southwest".split())
_NEAR_WORDS = frozenset("near outside nearby around".split())
_NEAR_OF = frozenset("outskirts suburbs countryside vicinity environs".split())
_LOCATIVE = frozenset("in at on near into across over around outside inside toward towards from of targeting "
                      "targeted struck hit bombed entered reached within throughout".split())
# a word after a name that qualifies it ("Idlib province"); read by _AFTER_RE below
_SUFFIX = (r"(province|governorate|region|state|oblast|prefecture|department|wilayah?|"
           r"district|subdistrict|raion|rayon|county|municipality|city|town|village|countryside|area|outskirts|"
           r"suburbs|environs)(?:s|es)?(?![^\W_])")
_SUFFIX_KIND = {"province": "admin1", "governorate": "admin1", "region": "admin1", "state": "admin1",
                "oblast": "admin1", "prefecture": "admin1", "department": "admin1", "wilaya": "admin1",
                "wilayah": "admin1", "district": "admin2", "subdistrict": "admin2", "raion": "admin2",
                "rayon": "admin2", "county": "admin2", "municipality": "admin2", "city": "town",
                "town": "town", "village": "town", "countryside": "part", "area": "part", "outskirts": "near",
                "suburbs": "near", "environs": "near"}


def _hyphen_compound(text: str, end: int) -> bool:
    """True for "Pul-e-Charkhi", "Ti-n-Samane", "Mi-35": the name continues past a hyphen with a
    particle, a single letter or a number (but "Idlib-based", "US-allied", "Aleppo-Latakia" are fine)."""
    if end >= len(text) or text[end] not in "-‐":
        return False
    j = end + 1
    k = j
    while k < len(text) and text[k].isalnum():
        k += 1
    nxt = text[j:k]
    return bool(nxt) and (len(nxt) <= 2 or nxt.isdigit() or nxt[0].isdigit())


def _after_particle(text: str) -> set[int]:
    """Positions after a hyphen or after "al "/"el ", where a word may follow an Arabic article ("al-Qaim",
    "Ras al Ain"): the positions s > 0 with text[s - 1] in "-‐" or (text[s - 1] == " " and text[s - 3:s - 1]
    in ("al", "el")), found with str.find instead of testing every word."""
    out = set()
    for ch, width in (("-", 1), ("‐", 1), ("al ", 3), ("el ", 3)):
        i = text.find(ch)
        while i >= 0:
            out.add(i + width)
            i = text.find(ch, i + 1)
    return out


# Gap then word, read backwards as one match on the reversed text (find reverses each text once).
# (The word part is runs of letters/digits or of apostrophes: the same maximal match as one character at a time,
# ~2x faster on long words.)
_PREV_REV_RE = re.compile(rf"([ \t\u00a0\-‐]*)(?:[^\W_]+|[{APOSTROPHES}]+)*")


def _prev_word_rev(text: str, rev: str, end: int) -> tuple[int, str, str]:
    """(start, word, gap) of the word before `end`, skipping one gap of spaces/hyphens; the word and gap may
    be empty. `rev` = text[::-1]: one C-speed match instead of a Python loop per character."""
    p = len(text) - end
    m = _PREV_REV_RE.match(rev, p)
    i = end - (m.end(1) - p)
    ws = end - (m.end() - p)
    return ws, text[ws:i], text[i:end]


# After a name, one match reads both a media word (group 1: "al-Masirah television" is a channel, not a
# place) and, failing that, a suffix (group 2: "Idlib province"), as _SUFFIX_RE would.
_AFTER_RE = re.compile(
    r"(?i)[ \t]+(?:(television|tv|radio|channel|newspaper|news[ \t]+agency|daily|FM)\b|" + _SUFFIX + ")")
# The first three characters of the words _AFTER_RE reads (same case folding; "tv" and "FM" then end a word),
# and a memo of three-character strings -> whether _AFTER_RE may match a blank and then them (a blank or tab
# first: more blanks, always try).
_AFTER_WORDS = ("television", "tv", "radio", "channel", "newspaper", "news", "daily", "FM", *_SUFFIX_KIND)
_AFTER_START_RE = re.compile("(?i)(?:" + "|".join(sorted({re.escape(w[:3]) if len(w) > 2 else w + r"\W?"
                                                         for w in _AFTER_WORDS})) + ")")
_AFTER_STARTS: dict[str, bool] = register("geo.gazetteer.after_starts", {})


def _after_could(start: str, memo: dict[str, bool]) -> bool:
    """May _AFTER_RE match at a blank followed by `start` (the next three characters, fewer at the end)?"""
    could = start[:1] in (" ", "\t") or _AFTER_START_RE.fullmatch(start) is not None
    if len(memo) < 100_000:
        memo[start] = could
    return could


_NOT_AL = ARTICLES - {"al"}  # "Ar-Raqqa" must match strictly; "Al-Jouadi" may use the skeleton
_SUFFIX_WORDS = frozenset(_SUFFIX_KIND) | frozenset(k + "s" for k in _SUFFIX_KIND)
_GLUE_OK = frozenset("and of the in on at to as is by or for from with".split())  # Title Case headlines
# capitalised facility words after a place keep the place: "Hama Airbase", "Kabul Airport", "Rafah Crossing"
_FACILITY = frozenset("airbase airport base bridge road highway street avenue market camp port dam hospital prison "
                      "stadium square checkpoint crossing junction station barracks refinery".split())
_NO_GLUE = _SUFFIX_WORDS | _GLUE_OK | _FACILITY  # capitalised words that may follow a name
_DEMONYM_ENDINGS = ("ian", "ians", "an", "ans", "ese", "ish", "ic", "ics", "ist", "ists", "ite", "ites", "ni", "nis")


_BLOCK = 64  # keys per block of `_Index`


def _every(arr: pa.Array, step: int) -> list[str]:
    """arr[0], arr[step], arr[2 * step] ... of a string array without nulls, read from its buffers
    (`Array.take` would import pyarrow.compute, and with it pandas)."""
    if not pa.types.is_string(arr.type) or arr.null_count:
        return [arr[i].as_py() for i in range(0, len(arr), step)]
    _, offsets, data = arr.buffers()
    o = memoryview(np.frombuffer(offsets, dtype=np.int32)[arr.offset:arr.offset + len(arr) + 1])
    d = memoryview(data) if data is not None else memoryview(b"")
    return [str(d[o[i]:o[i + 1]], "utf-8") for i in range(0, len(arr), step)]


@dataclass(frozen=True)
class _Index:
    """Sorted keys -> entry row numbers as one flat int array plus offsets.

    The keys stay an Arrow string array; every 64th is a Python string in a sorted list, and a block of 64
    keys becomes a list of strings when a lookup first reaches it: two bisects cost ~1 us a lookup, as on one
    list of all keys, but a process makes strings of the blocks it reads (~1,400 of 6,900 in 4,000 articles
    of dev-10), not of all 440k keys at load (~35 ms and ~25 MB)."""

    key_array: pa.Array
    offsets: np.ndarray
    values: np.ndarray
    block: int = _BLOCK

    def __post_init__(self) -> None:  # memoviews: indexing and slicing them skips numpy's per-call overhead
        object.__setattr__(self, "_ov", memoryview(np.ascontiguousarray(self.offsets)))
        object.__setattr__(self, "_vv", memoryview(np.ascontiguousarray(self.values)))
        n, b = len(self.key_array), self.block
        object.__setattr__(self, "_n", n)
        object.__setattr__(self, "_sparse", _every(self.key_array, b))
        object.__setattr__(self, "_blocks", [None] * len(self._sparse))

    def _block(self, b: int) -> list[str]:
        block = self._blocks[b] = self.key_array.slice(b * self.block, self.block).to_pylist()
        return block

    def lower_bound(self, key: str) -> tuple[int, str | None]:
        """(i, keys[i]) for the first key >= `key` (i = len, None when there is none): `bisect_left`."""
        sparse = self._sparse
        b = bisect_left(sparse, key)  # sparse[b - 1] < key <= sparse[b]
        if b < len(sparse) and sparse[b] == key:
            return b * self.block, key
        if b == 0:
            return (0, sparse[0]) if sparse else (0, None)
        block = self._blocks[b - 1] or self._block(b - 1)
        j = bisect_left(block, key)
        if j < len(block):
            return (b - 1) * self.block + j, block[j]
        return (b * self.block, sparse[b]) if b < len(sparse) else (self._n, None)

    @property
    def keys(self) -> list[str]:
        """All keys as one list (the build's and tests' view; lookups go through `lower_bound`)."""
        return self.key_array.to_pylist()

    def __len__(self) -> int:
        return self._n

    def find(self, key: str) -> int:
        i, k = self.lower_bound(key)
        return i if k == key else -1

    def __contains__(self, key: str) -> bool:
        return self.find(key) >= 0

    def has_prefix(self, prefix: str) -> bool:
        """True when some key starts with `prefix` (sorted keys: the first key not below it does)."""
        k = self.lower_bound(prefix)[1]
        return k is not None and k.startswith(prefix)

    def get(self, key: str) -> tuple[int, ...]:
        i = self.find(key)
        if i < 0:
            return ()
        ov = self._ov
        return tuple(self._vv[ov[i]:ov[i + 1]].tolist())

    @classmethod
    def from_table(cls, table: pa.Table, block: int = _BLOCK) -> "_Index":
        lists = _one_chunk(table.column("entries"))
        return cls(_one_chunk(table.column("key")), _to_numpy(lists.offsets), _to_numpy(lists.values), block)

    @classmethod
    def from_dict(cls, index: dict[str, list[int]], block: int = _BLOCK) -> "_Index":
        keys = sorted(index)
        lists = pa.array([sorted(set(index[k])) for k in keys], pa.list_(pa.int32()))
        return cls.from_table(pa.table({"key": pa.array(keys, pa.string()), "entries": lists}), block)


@dataclass(frozen=True)
class _HashIndex:
    """Like _Index but keyed by 64-bit hashes in a sorted array: a tenth of the memory, ~3 us a lookup."""

    hashes: np.ndarray
    offsets: np.ndarray
    values: np.ndarray

    def __post_init__(self) -> None:  # memoviews: bisect and slices on them skip numpy's per-call overhead
        object.__setattr__(self, "_hv", memoryview(np.ascontiguousarray(self.hashes)))
        object.__setattr__(self, "_ov", memoryview(np.ascontiguousarray(self.offsets)))
        object.__setattr__(self, "_vv", memoryview(np.ascontiguousarray(self.values)))

    def get(self, key: str) -> tuple[int, ...]:
        h = key_hash(key)
        hv = self._hv
        i = bisect_left(hv, h)
        if i >= len(hv) or hv[i] != h:
            return ()
        ov = self._ov
        return tuple(self._vv[ov[i]:ov[i + 1]].tolist())

    @classmethod
    def from_table(cls, table: pa.Table) -> "_HashIndex":
        lists = _one_chunk(table.column("entries"))
        return cls(_to_numpy(_one_chunk(table.column("hash"))), _to_numpy(lists.offsets), _to_numpy(lists.values))

    @classmethod
    def from_dict(cls, index: dict[str, list[int]]) -> "_HashIndex":
        pairs = sorted((key_hash(k), sorted(set(v))) for k, v in index.items())
        return cls.from_table(pa.table({"hash": pa.array([h for h, _ in pairs], pa.int64()),
                                        "entries": pa.array([v for _, v in pairs], pa.list_(pa.int32()))}))


_ROW_COLS = ("geonames_id", "kind", "cc", "country", "iso", "iso3", "admin1", "admin1_code", "admin2",
             "latitude", "longitude", "population", "precision")


class _RowReader:
    """Reads one entry row as plain Python values (~2.5 us a row; a pyarrow scalar per cell cost ~8).

    Numbers are read through memoryviews of the numpy columns (indexing one gives a Python int or float,
    no numpy scalar); dictionary columns through their indices with None appended to the values (a null
    index is -1); names straight from the string column's offsets and bytes."""

    def __init__(self, fast: dict[str, Any], names: pa.Array) -> None:
        cols = []
        for c in _ROW_COLS:
            idx, values = fast[c]
            if idx is not None:
                cols.append((_as_view(idx), list(values) + [None], False))
            else:
                view = _as_view(values)
                cols.append((None, view, view is values or values.dtype.kind == "f"))
        self._cols = tuple(cols)
        self._names = names
        self._offsets = self._data = None
        if pa.types.is_string(names.type) and names.null_count == 0:
            _, offsets, data = names.buffers()
            starts = np.frombuffer(offsets, dtype=np.int32)
            self._offsets = memoryview(starts[names.offset:names.offset + len(names) + 1])
            self._data = memoryview(data) if data is not None else memoryview(b"")

    def cc(self, i: int) -> Any:
        """The cc column of row i (what `read` gives at its position 2)."""
        idx, values, nan = self._cols[2]
        if idx is not None:
            return values[idx[i]]
        x = values[i]
        return None if nan and x != x else x

    def read(self, i: int) -> list[Any]:
        """The _ROW_COLS values of row i (None for nulls), then its name."""
        out = []
        for idx, values, nan in self._cols:
            if idx is not None:
                out.append(values[idx[i]])
            else:
                x = values[i]
                out.append(None if nan and x != x else x)  # NaN: a null in a number column
        o = self._offsets
        out.append(str(self._data[o[i]:o[i + 1]], "utf-8") if o is not None else self._names[i].as_py())
        return out


def _as_view(arr: Any) -> Any:
    """A memoryview of a numeric numpy array (Python scalars on indexing); other arrays as they are."""
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iuf":
        return memoryview(np.ascontiguousarray(arr))
    return arr


_NP_DTYPE = {"int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64", "uint8": "uint8",
             "uint16": "uint16", "uint32": "uint32", "uint64": "uint64", "float": "float32", "double": "float64"}


def _to_numpy(arr: pa.Array) -> np.ndarray:
    """`arr.to_numpy(zero_copy_only=False)` of an integer or float array, read from its Arrow buffers
    (zero-copy without nulls): pyarrow's own `to_numpy` imports pandas, ~0.3 s of every process's start.
    As there, nulls become NaN and an integer array with nulls comes back as float64; other types (a
    user's dump may carry plain string columns) go through pyarrow."""
    name = str(arr.type)
    if name not in _NP_DTYPE:
        return arr.to_numpy(zero_copy_only=False)
    validity, data = arr.buffers()[:2]
    n, off = len(arr), arr.offset
    out = np.frombuffer(data, dtype=np.dtype(_NP_DTYPE[name]), count=off + n)[off:] if n else \
        np.zeros(0, dtype=np.dtype(_NP_DTYPE[name]))
    if arr.null_count:
        valid = np.unpackbits(np.frombuffer(validity, np.uint8), bitorder="little")[off:off + n].astype(bool)
        out = np.where(valid, out.astype(np.float64 if out.dtype.kind in "iu" else out.dtype), np.nan)
    return out


def _indices(arr: pa.Array) -> np.ndarray:
    """A dictionary column's indices as numpy, -1 for a null (int32 when there are nulls), read from the
    Arrow buffers (not through `_to_numpy`'s float64 NaN and back: ~1 ms a column instead of ~3)."""
    name = str(arr.type)
    if not arr.null_count or name not in _NP_DTYPE or not len(arr):
        out = _to_numpy(arr)
        return np.where(np.isnan(out), -1, out).astype(np.int32) if out.dtype.kind == "f" else out
    validity, data = arr.buffers()[:2]
    n, off = len(arr), arr.offset
    out = np.frombuffer(data, dtype=np.dtype(_NP_DTYPE[name]), count=off + n)[off:]
    valid = np.unpackbits(np.frombuffer(validity, np.uint8), count=off + n, bitorder="little")[off:].view(bool)
    return np.where(valid, out, -1).astype(np.int32, copy=False)


def _one_chunk(col: pa.ChunkedArray) -> pa.Array:
    """The build writes one record batch per file, so this is zero-copy for shipped data."""
    return col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()


def _read_arrow(path: Path) -> pa.Table:
    """Single-threaded IPC read: the threaded reader keeps ~20 MB more resident."""
    with pa.memory_map(str(path)) as src:
        return ipc.open_file(src, options=ipc.IpcReadOptions(use_threads=False)).read_all()


def _read_admin1_names(path: Path) -> dict[str, str]:
    """ISO 3166-2 code -> admin1 name as ACLED writes it (a few dozen rows)."""
    out: dict[str, str] = {}
    for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not ln.strip() or ln.startswith("#") or ln.startswith("iso_code\t"):
            continue
        cells = ln.split("\t")
        if len(cells) != 2 or not cells[1].strip():
            raise ValueError(f"{path}:{n}: expected 'ISO code<TAB>name', got {ln!r}; fix or delete the line")
        out[cells[0].strip()] = cells[1].strip()
    return out


_COMMENT_HEAD = re.compile(r"(?:#[^\n]*\n)*")  # the comment lines a word list starts with


def _read_words(path: Path) -> frozenset[str]:
    """The stripped, casefolded lines of a word list, but blank lines and lines starting with '#'.
    A list of one bare word per line (english_words.txt: 60k) is read without a loop over its lines."""
    return _read_words_text(path.read_text(encoding="utf-8"))


def _read_words_text(text: str) -> frozenset[str]:
    """`_read_words` of the file's text."""
    head = _COMMENT_HEAD.match(text).end()
    body = text[head:].casefold()
    lines = body.splitlines()
    # no blank, padded or commented line, one word on each; the comments are lines as splitlines cuts them
    if "#" not in body and body.split() == lines and len(text[:head].splitlines()) == text.count("\n", 0, head):
        return frozenset(lines)
    return frozenset(ln.strip().casefold() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


class Gazetteer:
    """Place names and their entries. Build with `Gazetteer.load()`; immutable after loading."""

    def __init__(self, entries: pa.Table, names: _Index, skeletons: _HashIndex, version: str, source: str,
                 heads: Heads | None = None) -> None:
        """`heads` = what heads.py derives from `names` (worked out here when None)."""
        self._cols: dict[str, Any] = {c: _one_chunk(entries.column(c)) for c in entries.column_names}
        # Fast row access: numbers as numpy, dictionary columns as (indices, small list), name stays Arrow.
        self._fast: dict[str, Any] = {}
        for c, col in self._cols.items():
            if pa.types.is_dictionary(col.type):
                self._fast[c] = (_indices(col.indices), col.dictionary.to_pylist())
            elif c != "name":
                self._fast[c] = (None, _to_numpy(col))
        self._row = _RowReader(self._fast, self._cols["name"])
        self._n = entries.num_rows
        self._names = names
        self._skels = skeletons
        self._entry_cache: dict[int, GeoEntry] = register("geo.gazetteer.entry_cache", {})
        self._status: dict[str, int] = register("geo.gazetteer.status", {})  # memo: surface token -> _token_status
        # memo: key -> entry rows (bounded)
        self._ids_cache: dict[str, tuple[int, ...]] = register("geo.gazetteer.ids_cache", {})
        # id(skeleton rows) -> (rows, _group_by_cc) (memo.py)
        self._by_cc: dict[int, tuple] = register("geo.gazetteer.by_cc", {})
        # memo: words read so far -> _has_prefix
        self._prefix_memo: dict[str, int] = register("geo.gazetteer.prefix_memo", {})
        # memo: two words -> _first_step
        self._first_steps: dict[tuple[str, str], tuple[str, int, bool]] = register("geo.gazetteer.first_steps", {})
        # memo: run of words -> usable n-grams (bounded)
        self._plans: dict[tuple, tuple] = register("geo.gazetteer.plans", {})
        # memo: (span, word and gap before it, text after it) -> `_match_run`'s outcome (bounded)
        self._runs: dict[tuple[str, str, str, str], Any] = register("geo.gazetteer.runs", {})
        self._info_cache: dict[str, list] = register("geo.gazetteer.info_cache", {})  # memo: key -> _key_info
        self._loose_cache: dict[str, tuple[int, ...]] = register("geo.gazetteer.loose_cache", {})
        # (name, loose) -> entries
        self._lookup_memo: dict[tuple[str, bool], tuple[GeoEntry, ...]] = register("geo.gazetteer.lookup_memo", {})
        # "northwestern syria" -> entries
        self._region_cands: dict[str, tuple[GeoEntry, ...]] = register("geo.gazetteer.region_cands", {})
        # id(candidates) -> ...
        self._named_ccs: dict[int, tuple[tuple[GeoEntry, ...], frozenset[str]]] = register(
            "geo.gazetteer.named_ccs", {})
        # coder.geo.resolve's memo across articles (bounded there)
        self.memo: dict[tuple, Any] = register("geo.resolve.memo", {})
        self._code_map: dict[str, str] | None = None
        self.version = version
        self.source = source
        self.blocked = _read_words(DATA / "blocked.txt")
        self._admin1_names = _read_admin1_names(DATA / "admin1_names.tsv")
        self.english = _read_words(DATA / "english_words.txt")
        self.acronyms = frozenset(name_key(a) for a in self._acronym_aliases())
        # the most words of a name starting with a word, by the word's first key (heads.py); their skeletons
        self._head_most, self._skel_first = heads_of(names.keys) if heads is None else heads
        idx, kinds = self._fast["kind"]
        rows = np.flatnonzero(idx == kinds.index("country")) if idx is not None else \
            np.flatnonzero(np.asarray(kinds, dtype=object) == "country")
        self._country_row = {self._value("cc", int(i)): int(i) for i in rows}

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | None = None) -> "Gazetteer":
        """None = the shipped data; otherwise a GeoNames dump (allCountries.txt or a country file, with
        admin1CodesASCII.txt beside it). Cached per process and path."""
        key = str(Path(path).resolve()) if path else ""
        if key not in _CACHE:
            _CACHE[key] = cls._load_shipped() if not path else cls._load_dump(Path(path))
        return _CACHE[key]

    @classmethod
    def _load_shipped(cls) -> "Gazetteer":
        files = ["entries.arrow", "names.arrow", "skeletons.arrow", "blocked.txt", "english_words.txt",
                 "admin1_names.tsv"]
        h = hashlib.sha256()
        buf = bytearray(1 << 20)  # read a megabyte at a time: no 7 MB copy of a whole file to hash
        view = memoryview(buf)
        for f in files:
            p = DATA / f
            if not p.exists():
                raise FileNotFoundError(f"gazetteer data file {p} is missing; rebuild it with "
                                        f"'python scripts/build_gazetteer.py' or reinstall the package")
            with open(p, "rb") as src:
                while n := src.readinto(buf):
                    h.update(view[:n])
        entries = _read_arrow(DATA / "entries.arrow")
        names_table = _read_arrow(DATA / "names.arrow")
        names = _Index.from_table(names_table)
        skels = _HashIndex.from_table(_read_arrow(DATA / "skeletons.arrow"))
        heads = read_heads(DATA / "heads.arrow", names_table.num_rows, (DATA / "names.arrow").stat().st_size)
        return cls(entries, names, skels, "geonames-" + h.hexdigest()[:16], "shipped", heads)

    @classmethod
    def _load_dump(cls, path: Path) -> "Gazetteer":
        from .dump import read_dump  # only needed for --gazetteer

        shipped = cls.load(None)
        entries, names, version = read_dump(path, shipped.country_table())
        skel: dict[str, list[int]] = {}
        for k, ids in names.items():
            skel.setdefault(skeleton(k), []).extend(ids)
        return cls(entries, _Index.from_dict(names), _HashIndex.from_dict(skel), version, str(path))

    def _acronym_aliases(self) -> list[str]:
        out = []
        for f in ("country_aliases.tsv", "supplement.tsv"):
            for ln in (DATA / f).read_text(encoding="utf-8").splitlines():
                if ln.startswith("#"):
                    continue
                for cell in ln.split("\t")[1:3]:
                    out += [a for a in cell.split("|") if a.replace(".", "").replace("-", "").isupper()
                            and len(a.replace(".", "")) <= 4]
        return out

    def country_codes(self) -> dict[str, str]:
        """Alpha-3 code or upper-case country name -> alpha-2 (actors may give either). Cached."""
        if self._code_map is None:
            m: dict[str, str] = {}
            for cc, e in self.country_table().items():
                m[e.iso3] = cc
                m[e.country.upper()] = cc
            self._code_map = m
        return self._code_map

    def country_table(self) -> dict[str, GeoEntry]:
        """cc -> the country's entry (name, ISO numeric and alpha-3 codes, centre)."""
        return {cc: self.entry(i) for cc, i in self._country_row.items()}

    # ---- entries -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    def entry(self, i: int) -> GeoEntry:
        e = self._entry_cache.get(i)
        if e is None:
            (gid, kind, cc, country, iso, iso3, admin1, code, admin2, lat, lon, pop, prec,
             name) = self._row.read(i)
            admin1 = self._admin1_names.get(code) or admin1
            if kind == "admin1" and code in self._admin1_names:
                name = admin1
            e = new_entry(None if gid is None else int(gid), name, kind,
                         country, None if iso is None else int(iso), iso3 or "", admin1,
                         code, admin2, float(lat), float(lon), int(pop or 0), int(prec), cc)
            self._entry_cache[i] = e
        return e

    def _value(self, col: str, i: int) -> Any:
        idx, values = self._fast[col]
        if idx is not None:
            j = idx[i]
            return None if j < 0 else values[j]
        x = values[i]
        return None if x != x else x  # NaN from a null integer column

    def country(self, code: str) -> GeoEntry | None:
        """The country entry for an alpha-2 code, alpha-3 code or name."""
        code = code.strip()
        i = self._country_row.get(code.upper())
        if i is None:
            for e in self.lookup(code):
                if e.kind == "country":
                    return e
            up = code.upper()
            for cc, j in self._country_row.items():
                if self.entry(j).iso3 == up:
                    return self.entry(j)
            return None
        return self.entry(i)

    def lookup(self, name: str) -> tuple[GeoEntry, ...]:
        """Entries whose strict key equals the name's key (no context, no filters). Memoised (bounded)."""
        found = self._lookup_memo.get((name, False))
        if found is None:
            found = tuple(self.entry(i) for i in self._names.get(name_key(name)))
            if len(self._lookup_memo) < 100_000:
                self._lookup_memo[(name, False)] = found
        return found

    def lookup_loose(self, name: str) -> tuple[GeoEntry, ...]:
        """Entries whose skeleton key equals the name's skeleton (restrict to a country before use).
        Memoised (bounded): parenthesised anchors ("Goenega (Barsalogho, Sanmatenga)") recur."""
        found = self._lookup_memo.get((name, True))
        if found is None:
            found = tuple(self.entry(i) for i in self._skels.get(skeleton(name_key(name))))
            if len(self._lookup_memo) < 100_000:
                self._lookup_memo[(name, True)] = found
        return found

    # ---- matching ------------------------------------------------------------------------------
    def find(self, text: str) -> list[PlaceMention]:
        """All non-overlapping, leftmost-longest place mentions in `text` (code-point offsets)."""
        out: list[PlaceMention] = []
        pending: list[tuple[int, tuple[int, ...]]] = []
        last_end = 0
        nxt = _NEXT_RE.match
        status_of = self._status.get
        prefix_memo = self._prefix_memo
        has_prefix = self._has_prefix
        first_steps = self._first_steps
        rev = text[::-1]
        after_particle = _after_particle(text)
        lower_stop = _LOWER_STOP
        for m in _CAP_RE.finditer(text):
            s = m.start()
            if s < last_end:
                continue
            tok = m[0]
            status = status_of(tok)
            if status is None:
                status = self._token_status(tok)
            particle = None
            if s in after_particle:
                c1 = text[s - 1]
                if not (tok[0].isupper() or tok[0].isdigit()):
                    continue
                ps, pw, _ = _prev_word_rev(text, rev, s)
                if ps >= last_end and pw in ARTICLES and (c1 != " " or pw in ("al", "el")):
                    particle = (ps, ps + len(pw), pw)
                if status == 0 and particle is None:
                    continue
            elif not status:
                continue
            prefix = None
            if particle is None:
                # words to read on: the longest name this word starts, plus one to see a glued proper name
                want, prune, glue_at = _READ_PLAN[status]
                # the first word read on, spelled out: most runs end there ("On Thursday"), before any list.
                # _CAP_RE's look-ahead has read it (group 1; None when there is no next word). The token's
                # and the word's offsets are read once the run is known to live (most die at the first step)
                w = m[1]
                if w is None:
                    pos = m.end()
                    toks = [(s, pos, tok)]
                    nt = want = 0
                elif glue_at == 1 and not w[:1].isupper():
                    pos = m.end()
                    toks = [(s, pos, tok)]  # past the longest name: only a capitalised word can glue on
                    nt = want = 0
                else:
                    if prune and want > 2:
                        # stop one word (the glue check) after the words stop being the start of any name;
                        # the first step is memoised per word pair
                        step = first_steps.get((tok, w))
                        if step is None:
                            step = self._first_step(tok, w, status)
                        prefix, p, dead = step
                        if dead:
                            continue  # neither the word alone nor any name it starts
                        if not p & 2:
                            want = 3
                    a, pos = m.span(1)
                    toks = [(s, m.end(), tok), (a, pos, w)]
                    if glue_at == 2 and lower_stop and _ends_no_name(w):
                        want = 0  # see below: no two-word name ends in a lowercase word
                    nt = 2
            else:
                pos = m.end()
                toks = [(s, pos, tok)]
                want, prune, glue_at = MAX_TOKENS, False, -1
                nt = 1
            while nt < want:
                if text[pos:pos + 1] not in _GAP_FIRST:
                    break  # no blank or dash: _NEXT_RE cannot match
                n = nxt(text, pos)
                if n is None:
                    break
                a, b = n.span(1)
                w = text[a:b]
                if nt == glue_at and not w[:1].isupper():
                    break  # past the longest name: only a capitalised word can glue on ("Jordan Peterson")
                pos = b
                toks.append((a, pos, w))
                nt += 1
                if nt == glue_at and lower_stop and _ends_no_name(w):
                    # the next word would only be the glue check of a name as long as the longest one this
                    # word starts, and such a name cannot end in a lowercase word (`_plan` skips it)
                    break
                if prune and nt < want:  # nt > 2 here: the first step was taken above
                    k = norm_token(w)
                    prefix = prefix + " " + ("al" if k in ARTICLES else k)
                    p = prefix_memo.get(prefix)
                    if p is None:
                        p = has_prefix(prefix)
                    if not p & 2:
                        want = nt + 1
            if particle is None:
                found = self._match_run(text, rev, toks, False, status & 7, text[s:pos])
            else:
                found = self._match_run(text, rev, [particle] + toks[:MAX_TOKENS - 1], True) or \
                    self._match_run(text, rev, toks, False, status & 7, text[s:pos])
            if found is not None:
                mention, loose_ids = found
                if loose_ids:
                    pending.append((len(out), loose_ids))
                out.append(mention)
                last_end = mention.end
        return self._settle_loose(out, pending) if pending else out

    def _first_step(self, tok: str, w: str, status: int) -> tuple[str, int, bool]:
        """Reading on from `tok` (of `_token_status` `status`) to the next word `w`: the key prefix, its
        `_has_prefix` flags, and whether the run is dead (neither the word alone nor a name it starts).
        Depends on the two words only (status is the first word's), so `find` memoises it (bounded)."""
        k0, k = norm_token(tok), norm_token(w)
        prefix = ("al" if k0 in ARTICLES else k0) + " " + ("al" if k in ARTICLES else k)
        p = self._prefix_memo.get(prefix)
        if p is None:
            p = self._has_prefix(prefix)
        step = (prefix, p, not p & 2 and not status & 16 and not prefix.startswith("al ") and not p & 1)
        if len(self._first_steps) < 200_000:
            self._first_steps[(tok, w)] = step
        return step

    def _has_prefix(self, prefix: str) -> int:
        """1 when some name starts with `prefix`, +2 when one continues it with another word. Memoised."""
        p = (1 if self._names.has_prefix(prefix) else 0) | (2 if self._names.has_prefix(prefix + " ") else 0)
        if len(self._prefix_memo) < 200_000:
            self._prefix_memo[prefix] = p
        return p

    def _key_info(self, key: str) -> list:
        """[rows, entries, rejected] of a strict key; rejected = blocked word, lone article, or an English
        word that names only small places. Entries are made when first needed (None until then: a word
        looked up only to see whether it can be a name needs none), once, so each key has one tuple.
        Memoised (bounded): the same names recur in every article."""
        single = " " not in key
        rejected = key in self.blocked or (single and key in ARTICLES)
        ids = () if rejected else self._names.get(key)
        cands = None
        if single and ids and key in self.english:
            cands = tuple(self.entry(i) for i in ids)
            if not any(e.kind == "country" or (e.kind == "place" and e.population >= BIG_PLACE) for e in cands):
                rejected = True
        info = [ids, cands, rejected]
        if len(self._info_cache) < 200_000:
            self._info_cache[key] = info
        return info

    def _ids(self, key: str) -> tuple[int, ...]:
        ids = self._names.get(key)
        if len(self._ids_cache) < 200_000:
            self._ids_cache[key] = ids
        return ids

    def _token_status(self, tok: str) -> int:
        """How many words a name starting with `tok` can have (0: none starts with it), +8 when that
        count comes from skeletons, +16 when the word alone is also a name. Memoised."""
        k = norm_token(tok)
        loose = self._loose_ok(k, tok)
        st = head_len(self._names.lower_bound, self._head_most, "al" if k in ARTICLES else k)  # "Ad Dali'"
        if loose and skel_token(k) in self._skel_first and st < 3:
            st = 3 + 8  # +8: the length comes from the skeleton index, which cannot be prefix-pruned
        if not (tok[0].isupper() or tok[0].isdigit()):
            st = 0  # Latin Extended blocks mix cases: "ǆ..." is not capitalised
        elif st == 0 and (loose or k in self._names):
            st = 1 if self._single_ok(k, tok, loose) else 0
        elif st >= 2 and (loose or k in self._names) and self._single_ok(k, tok, loose):
            st |= 16  # the word alone is a name too
        if len(self._status) < 500_000:
            self._status[tok] = st
        return st

    def _single_ok(self, key: str, tok: str, loose: bool) -> bool:
        """Can this token alone ever be a name? Same tests as `_try_run` for n = 1 (surface = the token)."""
        ids, _, rejected = self._key_info(key)
        if rejected:
            return False
        if not ids and not (loose and self._skels.get(skel_token(key))):
            return False
        if key in self.acronyms:
            return True
        return not ((len(tok) <= 4 and tok.isupper()) or (
            len(tok) <= 5 and not tok.isupper() and sum(c.isupper() for c in tok) >= 2))

    def _group_by_cc(self, ids: tuple[int, ...]
                     ) -> tuple[dict[str, list], dict[tuple[str, ...], tuple], dict[str, int]]:
        """Skeleton candidate rows grouped by country, in row order within each (memoised, bounded, by the
        identity of the rows' tuple: `_loose_cache` hands out one per key, and hashing a long tuple costs), as
        cc -> [rows, entries or None] (entries are made only for countries an article keeps), a memo of
        kept countries -> their entries (one tuple each: memos downstream key on it), and each country's rank."""
        cc_of = self._row.cc
        groups: dict[str, list[int]] = {}
        for i in ids:
            groups.setdefault(cc_of(i), []).append(i)
        out = ({c: [tuple(rows), None] for c, rows in groups.items()}, {}, {c: r for r, c in enumerate(groups)})
        return memo_put(self._by_cc, id(ids), ids, out, limit=50_000)  # type: ignore[return-value]

    def _settle_loose(self, out: list[PlaceMention], pending: list[tuple[int, tuple[int, ...]]]
                      ) -> list[PlaceMention]:
        """Keep skeleton candidates only in countries the article names unambiguously; drop the rest."""
        ccs: set[str] = set()
        memo = self._named_ccs
        for m in out:
            cands = m.candidates
            if cands:
                named = memo_get(memo, id(cands), cands)
                if named is MISS:
                    named = memo_put(memo, id(cands), cands, self._names_ccs(cands))
                ccs |= named  # type: ignore[operator]
        by_cc_memo = self._by_cc
        drop = set()
        for pos, ids in pending:
            by_cc = memo_get(by_cc_memo, id(ids), ids)
            groups, kept_memo, rank = self._group_by_cc(ids) if by_cc is MISS else by_cc  # type: ignore[misc]
            if len(ccs) < len(groups):  # the kept countries in row order, from the smaller side
                kept = tuple(sorted([c for c in ccs if c in groups], key=rank.__getitem__))
            else:
                kept = tuple([c for c in groups if c in ccs])
            keep = kept_memo.get(kept)
            if keep is None:
                keep = ()
                for c in kept:
                    group = groups[c]
                    if group[1] is None:
                        group[1] = tuple([self.entry(i) for i in group[0]])
                    keep += group[1]
                if len(kept_memo) < 64:
                    kept_memo[kept] = keep
            if keep:
                m = out[pos]  # dataclasses.replace, spelled out (it inspects the fields on every call)
                out[pos] = new_mention(m.start, m.end, m.text, m.candidates, m.key, keep, m.qualifier, m.locative)
            else:
                drop.add(pos)
        return [m for i, m in enumerate(out) if i not in drop] if drop else out

    @staticmethod
    def _names_ccs(cands: tuple[GeoEntry, ...]) -> frozenset[str]:
        """Countries a mention names for `_settle_loose`: its only country, else its countries and admin1s."""
        own = frozenset(e.cc for e in cands)
        return own if len(own) == 1 else frozenset(e.cc for e in cands if e.kind in ("country", "admin1"))

    def _match_run(self, text: str, rev: str, run: list[tuple[int, int, str]], particle: bool,
                   longest: int = MAX_TOKENS, span: str | None = None
                   ) -> tuple[PlaceMention, tuple[int, ...]] | None:
        """The mention a run of words starts, with its skeleton rows, or None. `span` = the run's text
        (first word start to last word end), which fixes its words: a cheaper memo key than the words.

        With a span (no particle before the run) the outcome is memoised by everything it reads (`_runs`):
        the span, the word and gap before it, and the text after it up to one character past the next word
        (at least four characters: `_after_could` reads three after a blank). Outcomes that read further
        (a word before the previous one: "outskirts of", "northern", "the"; "news agency" after the run) are
        marked to be worked out each time."""
        # the span fixes its words and so `longest` too (the first word's status): the span alone is the key
        words = (particle, longest, *[t[2] for t in run]) if span is None else span
        plan = self._plans.get(words)
        if plan is None:
            plan = self._plan(run, particle, longest)
            if len(self._plans) < 200_000:
                self._plans[words] = plan  # the same words recur: their key lookups are done once
        if not plan:
            return None
        start = run[0][0]
        # the word before the run (read once, used twice): `_prev_word_rev(text, rev, start)`, inlined
        p = len(text) - start
        pm = _PREV_REV_RE.match(rev, p)
        i = start - (pm.end(1) - p)
        ws = start - (pm.end() - p)
        w = text[ws:i]
        rk = None
        if span is not None:
            runs = self._runs
            pos = run[-1][1]
            q = _TAIL_RE.match(text, pos).end() + 1
            tail = text[pos:q if q > pos + 4 else pos + 4]
            rk = (span, w, text[i:start], tail)
            hit = runs.get(rk)
            if hit is None and len(runs) < 200_000:
                if tail.lstrip(" \t")[:3].casefold() == "new":
                    hit = runs[rk] = _NEVER  # "news agency" reads past the next word
                else:
                    wl = w.casefold().replace("-", "")
                    if wl in _DIRECTIONS or wl in _NEAR_WORDS or wl == "of" or wl == "the":
                        hit = runs[rk] = _DEEPER  # reads before the previous word
            floor = -1
            if hit is _DEEPER:  # keyed by the three words before the run instead (a 3-tuple: its own keys)
                floor = start - (_PREV3_REV_RE.match(rev, p).end() - p)
                rk = (span, text[floor:start], tail)
                hit = runs.get(rk)
            if hit is not None:
                if hit is _NO_RUN:
                    return None
                if hit is not _NEVER:
                    before, n_end, mtext, cands, key, qualifier, locative, loose = hit
                    return new_mention(start - before, start + n_end, mtext, cands, key, (), qualifier,
                                       locative), loose
                rk = None
            elif len(runs) >= 200_000:
                rk = None
        found, reach = self._run_outcome(text, rev, run, particle, plan, start, ws, i, w)
        if rk is not None:
            if reach < floor:
                self._runs[rk] = _NEVER  # read before the third word back
            elif found is None:
                self._runs[rk] = _NO_RUN
            else:
                m = found[0]
                self._runs[rk] = (start - m.start, m.end - start, m.text, m.candidates, m.key, m.qualifier,
                                  m.locative, found[1])
        return found

    def _run_outcome(self, text: str, rev: str, run: list[tuple[int, int, str]], particle: bool, plan: tuple,
                     start: int, ws: int, i: int, w: str
                     ) -> tuple[tuple[PlaceMention, tuple[int, ...]] | None, int]:
        """`_match_run`'s answer worked out from the text: the run's first usable n-gram of `plan`, with the
        word `w` = text[ws:i] before the run at `start`; and the start of the farthest word back it read."""
        prev = (ws, w, text[i:start])
        # `_prev_ok` can only object to a capitalised word: test that first
        if not particle and w[:1].isupper() and not self._prev_ok(text, start, prev):
            return None, ws
        after_starts = _AFTER_STARTS
        for n, key, cands, loose, acronym, glue in plan:
            end = run[n - 1][1]
            if glue and text[end:run[n][0]] in (" ", "\u00a0") and not (
                    end >= 2 and text[end - 1] in "sS" and text[end - 2] in APOSTROPHES):
                return None, ws  # a capitalised word glued after the name: a longer proper name
            after = text[end:end + 1]
            if (after == "-" or after == "‐") and _hyphen_compound(text, end):
                return None, ws
            am = None
            if after == " " or after == "\t":
                # most next words cannot start a media or suffix word: try the regex only when the three
                # characters after the blank can (memoised)
                nxt3 = text[end + 1:end + 4]
                could = after_starts.get(nxt3)
                if could is None:
                    could = _after_could(nxt3, after_starts)
                if could:
                    am = _AFTER_RE.match(text, end)
            if am is not None and am.group(1) is not None:
                return None, ws  # "al-Masirah television", "Sham FM": a channel named after a place
            if acronym is None:
                acronym = self._acronym_like(key, text[start:end])
            if acronym:
                continue  # unknown acronyms: "LOL", "MPs", "BNP's"
            # the words around it: suffix (X province), direction, near/outskirts, locative
            qualifier = ""
            # "Residents of Syria's war-ravaged Idlib province": a possessive names the owner of the next
            # place, so it is not itself where things happen
            possessive = end - start > 2 and text[end - 1] in "sS" and text[end - 2] in APOSTROPHES
            if am is not None:
                qualifier = _SUFFIX_KIND[am.group(2).casefold()]
                end = am.end()
            wl = w.casefold().replace("-", "")
            if wl in _DIRECTIONS:
                qualifier = qualifier or "part"
                if qualifier == "town":
                    qualifier = "part"
                start = ws
                rk = wl + " " + key
                region = self._region_cands.get(rk)
                if region is None:
                    ids = self._ids_cache.get(rk)
                    if ids is None:
                        ids = self._ids(rk)
                    region = tuple(self.entry(i) for i in ids)
                    if len(self._region_cands) < 100_000:
                        self._region_cands[rk] = region  # one tuple per region: memos downstream key on it
                if region:  # a curated region such as "northwestern Syria"
                    cands = region
                ws, w, _ = _prev_word_rev(text, rev, start)
                wl = w.casefold()
            ws2 = ws
            if wl in _NEAR_WORDS:
                qualifier, start = "near", ws
            elif wl == "of":
                ws2, w2, _ = _prev_word_rev(text, rev, ws)
                w2l = w2.casefold().replace("-", "")
                if w2l in _NEAR_OF or w2l in _DIRECTIONS:
                    qualifier, start = "near", ws2
                    ws, w, _ = _prev_word_rev(text, rev, ws2)
                    wl = w.casefold()
                    if wl == "the":
                        ws, w, _ = _prev_word_rev(text, rev, ws)
                        wl = w.casefold()
            if wl == "the":
                ws, w, _ = _prev_word_rev(text, rev, ws)
                wl = w.casefold()
            locative = wl in _LOCATIVE and not possessive
            return (new_mention(start, end, text[start:end], cands, key, (), qualifier, locative), loose), \
                ws if ws < ws2 else ws2
        return None, ws

    def _acronym_like(self, key: str, surface: str) -> bool:
        """An unknown acronym ("LOL", "MPs", "BNP's") rather than a name."""
        bare = surface.replace(".", "")
        return key not in self.acronyms and ((len(bare) <= 4 and bare.isupper()) or (
            len(surface) <= 5 and not bare.isupper() and sum(c.isupper() for c in surface) >= 2))

    def _plan(self, run: list[tuple[int, int, str]], particle: bool, longest: int
              ) -> tuple[tuple[int, str, tuple[GeoEntry, ...], tuple[int, ...], bool | None, bool], ...]:
        """The n-grams of a run that name something, longest first, as (n, key, entries, skeleton rows,
        acronym-like, glue: the next word of the run is capitalised and not one that may follow a name).
        Depends on the words only, so `_match_run` memoises it; the text around them is
        checked there. Acronym-like is known for one word (its surface is the word), None for more."""
        keys = [norm_token(t[2]) for t in run]
        out = []
        for n in range(min(len(run), longest), 0, -1):
            last = run[n - 1][2]
            if n > 1 and not (last[:1].isupper() or not last.isalpha()):
                continue
            if n > 1 and not particle and n > 3 and not head_len(self._names.lower_bound, self._head_most, keys[0]):
                continue
            if particle and n == 1:
                continue
            key = join_key(keys[:n]) if n > 1 else keys[0]
            info = self._info_cache.get(key)
            if info is None:
                info = self._key_info(key)
            ids, cands, rejected = info
            if rejected:
                continue
            if cands is None:
                cands = info[1] = tuple(self.entry(i) for i in ids)
            loose: tuple[int, ...] = ()
            if not ids:
                if particle or n > 3 or keys[0] in _NOT_AL or not self._loose_ok(key, run[0][2]):
                    continue
                loose = self._loose_cache.get(key)
                if loose is None:
                    loose = self._skels.get(" ".join(skel_token(k) for k in key.split(" ")))
                    if len(self._loose_cache) < 200_000:
                        self._loose_cache[key] = loose
                if not loose:
                    continue
            nxt = run[n][2] if n < len(run) else ""
            glue = nxt[:1].isupper() and norm_token(nxt) not in _NO_GLUE  # may glue on: "Jordan Peterson"
            out.append((n, key, cands, loose, self._acronym_like(key, run[0][2]) if n == 1 else None, glue))
        return tuple(out)

    def _loose_ok(self, key: str, first: str) -> bool:
        """Skeleton fallback only for name-like words: not English, not a demonym, not all caps."""
        if len(key) < 5 or first.isupper() or key in self.english or key in self.blocked:
            return False
        if " " not in key and (key.endswith(_DEMONYM_ENDINGS) or key[:-1] in self.english):
            return False
        return True

    def _prev_ok(self, text: str, start: int, prev: tuple[int, str, str]) -> bool:
        """False when a capitalised word glued before the name makes it part of a longer proper name.
        `prev` = `_prev_word_rev(text, rev, start)`."""
        if start < 2 or text[start - 1] not in " \u00a0-‐" or not text[start - 2].isalnum():
            return True
        ws, w, gap = prev
        if gap in ("-", "‐") and w[:1].isupper():
            # "Kacham-Ouest" is one name; "Aleppo-Lattakia highway" joins two
            k = norm_token(w)
            return k in ARTICLES or k in self._names
        if gap not in (" ", "\u00a0") or not w[:1].isupper():
            return True
        k = norm_token(w)
        return k in self.blocked or k in ARTICLES or k in _DIRECTIONS
