"""The fast lane for card numbers: rows of 13-19 plain ASCII digits, read from Arrow's buffers.

A string column's offsets and data buffers are read with numpy, without
copying a value out: each row's digits are the bytes between two offsets.
Each row of 13-19 bytes has its last 24 bytes gathered once (one 24-byte
item per row, three words, right-aligned) and its first four read as one
word, whatever its length:

- digits: each byte XOR `0`, the bytes before the row cleared, is a digit
  when under 10 (adding 0x76 leaves its top bit clear): rows with any
  other byte leave the lane;
- Luhn: the digits masked by the row's length (bytes of the row before
  them are cleared) and summed in the words, two digits per 16-bit lane
  (the doubled one in the low byte), then across the lanes by one multiply;
- brand: the first four digits (one word) settle most rows by one table
  look-up; the rest, the first eight digits as one big-endian number, are
  looked up in the sorted starts of `cardvalid.brands`' compiled table
  (`searchsorted`);
- mask: when every row is in the lane, the word before each row's last
  four digits of the lane's one copy of the data gets its `*`s (a mask and
  a fill per length) and the copy, with the column's offsets, is the mask
  column; otherwise the digits are copied, eight `*` written over each
  row's middle and its first six and last four digits written back.

Rows of other spellings (separators, other digits, other lengths, blanks) are
not in the lane; the caller sends them the general way.

>>> import pyarrow as pa
>>> lane = read(pa.array(["4111111111111111", "4111 1111 1111 1111", None, "378282246310005"]))
>>> lane.rows.tolist(), lane.luhn_ok().tolist(), lane.lengths.tolist()
([0, 3], [True, True], [16, 15])
>>> masked(lane).to_pylist()
['411111******1111', None, None, '378282*****0005']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["FIRST", "LAST", "Lane", "masked", "read"]

FIRST = 13  # from 13 digits a mask shows the last four (`digits.LAST4_FROM`)
LAST = 19  # `digits.MAX_LENGTH`
_PAD = 24  # bytes read before a row's end: three words
_ZEROS = np.uint64(0x3030303030303030)
_LOW = np.uint64(0x00FF00FF00FF00FF)
_FIVES = np.uint64(0x7B7B7B7B7B7B7B7B)  # a digit 5-9 plus 0x7B sets the byte's top bit
_ONES = np.uint64(0x0001000100010001)
_TOPS = np.uint64(0x0080008000800080)  # the top bit of each 16-bit lane's low byte
_SIXES = np.uint64(0x7676767676767676)  # a byte value over 9 plus 0x76 sets its top bit
_TOP_BITS = np.uint64(0x8080808080808080)
_TENS = np.arange(19 * 9 + 1) % 10 == 0  # a Luhn sum (at most 19 digits of 9) divisible by 10


def _length_masks() -> np.ndarray:
    """Per word and length, the mask keeping a right-aligned number's bytes."""
    masks = np.zeros((LAST + 1, _PAD), dtype=np.uint8)
    for length in range(LAST + 1):
        masks[length, _PAD - length :] = 0xFF
    return np.ascontiguousarray(masks.view("<u8").T)


_MASKS = _length_masks()


@dataclass(frozen=True, slots=True)
class Lane:
    """The rows in the fast lane, their lengths, and views of the padded data."""

    rows: np.ndarray  # the rows' positions in the column
    lengths: np.ndarray
    ends: np.ndarray  # each row's end in `padded`
    padded: np.ndarray  # what `ends` index: a copy of the data with `_PAD` bytes before
    # and 8 after, or (`read(..., writable=False)`) the column's own buffer
    digits: np.ndarray  # per row its digit values, right-aligned in 24 bytes: three `<u8` words
    offsets: np.ndarray | None = None  # every row in the lane: its int32 offsets in `padded[_PAD:]`

    def luhn_ok(self) -> np.ndarray:
        """Per row, whether its digits pass Luhn (ISO/IEC 7812-1 annex B).

        The row's digit values, right-aligned in three words: the byte at an
        even position is doubled (the low byte of each 16-bit lane), less 9
        when the digit is 5 or more (when adding 0x7B to it sets the byte's
        top bit). The three words are summed byte-wise first: three digits
        stay under 256.
        """
        total = self.digits[:, 0].copy()
        middle = self.digits[:, 1]
        last = self.digits[:, 2]  # at least 13 digits: all eight are the number's
        over = (total + _FIVES) & _TOPS  # the doubled bytes' top bits, summed per lane
        over += (middle + _FIVES) & _TOPS
        over += (last + _FIVES) & _TOPS
        total += middle
        total += last
        lanes = total >> np.uint64(8)
        lanes &= _LOW
        total &= _LOW
        total <<= np.uint64(1)
        lanes += total
        over >>= np.uint64(7)
        over *= np.uint64(9)
        lanes -= over
        lanes *= _ONES
        lanes >>= np.uint64(48)  # the four lanes added in the top one
        ok: np.ndarray = _TENS.take(lanes.view(np.int64))  # (a signed index is read faster)
        return ok

    def first4(self) -> np.ndarray:
        """The first four digit bytes of each row as one little-endian `<u4` (the first lowest)."""
        items = np.ndarray(shape=(self.padded.size - 3,), dtype="V4", buffer=self.padded,
                           strides=(1,))
        words: np.ndarray = items[self.ends - self.lengths].view("<u4")
        return words

    def first8(self, at: np.ndarray | None = None) -> np.ndarray:
        """The first eight digit bytes of each row (of the lane's rows `at`) as one big-endian
        number (ASCII order)."""
        starts = self.ends - self.lengths
        return _gather(self.padded, 8, starts if at is None else starts[at]).byteswap()


def _gather(data: np.ndarray, width: int, at: np.ndarray) -> np.ndarray:
    """The `width` bytes (a multiple of 8) of `data` from each offset in `at`, as `<u8` words.

    Gathered as one void item each: numpy copies them faster than unaligned words.
    """
    items = np.ndarray(shape=(data.size - width + 1,), dtype=f"V{width}", buffer=data,
                       strides=(1,))
    words: np.ndarray = items[at].view("<u8")
    return words.reshape(-1, width // 8) if width > 8 else words


def _at(data: np.ndarray, dtype: str) -> np.ndarray:
    """`data` (bytes) read as a word of `dtype` at every byte offset (unaligned, no copy)."""
    size = np.dtype(dtype).itemsize
    return np.ndarray(shape=(data.size - size + 1,), dtype=dtype, buffer=data, strides=(1,))


def read(values: pa.Array, present: np.ndarray | None = None, *,
         writable: bool = True) -> Lane:
    """The rows of `values` (a string array) that are 13-19 ASCII digits, among `present`.

    `writable=False` (no mask will be written in place) reads the column's own
    buffer, without a copy.
    """
    if not isinstance(values, pa.Array) or not pa.types.is_string(values.type):
        raise TypeError("values must be a string array")
    _, offsets_buffer, data_buffer = values.buffers()
    n = len(values)
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[values.offset : values.offset + n + 1]
    lengths = np.diff(offsets)
    sized = (lengths >= FIRST) & (lengths <= LAST)
    if present is not None:
        sized &= present
    if values.null_count:  # a null's slot may hold bytes
        sized &= np.asarray(pc.is_valid(values).to_numpy(zero_copy_only=False), dtype=bool)
    data = (np.zeros(0, dtype=np.uint8) if data_buffer is None
            else np.frombuffer(data_buffer, dtype=np.uint8))
    whole = bool(sized.all())
    rows = np.arange(n) if whole else np.flatnonzero(sized)
    ends = (offsets[1:] if whole else offsets[1:][rows]).astype(np.int64)
    lengths = (lengths if whole else lengths[rows]).astype(np.int64)
    base = int(offsets[0]) if n else 0
    in_place = not writable and rows.size > 0 and data.size >= _PAD
    if in_place:
        padded = data
        digits = _gather(data, _PAD, np.maximum(ends - _PAD, 0))
        if ends[0] < _PAD:  # ends ascend by 13 or more: only the first can be this near
            head = np.zeros(_PAD, dtype=np.uint8)
            head[_PAD - int(ends[0]) :] = data[: int(ends[0])]
            digits[0] = head.view("<u8")
    else:
        used = data[base : int(offsets[-1])] if n else data[:0]
        padded = np.zeros(_PAD + used.size + 8, dtype=np.uint8)
        padded[_PAD : _PAD + used.size] = used
        ends += _PAD - base
        digits = _gather(padded, _PAD, ends - _PAD)
    digits ^= _ZEROS
    digits[:, 0] &= _MASKS[0].take(lengths)
    digits[:, 1] &= _MASKS[1].take(lengths)
    other = digits + _SIXES
    other |= digits  # a byte that is not a digit has its top bit set
    top = other[:, 0] | other[:, 1]
    top |= other[:, 2]
    top &= _TOP_BITS
    plain = top == 0
    if not plain.all():
        rows, ends, lengths, digits = rows[plain], ends[plain], lengths[plain], digits[plain]
    elif whole and not in_place:
        rebased = offsets if base == 0 else offsets - np.int32(base)
        return Lane(rows, lengths, ends, padded, digits, np.ascontiguousarray(rebased))
    return Lane(rows, lengths, ends, padded, digits)


def masked(lane: Lane, n: int | None = None) -> pa.Array:
    """A string column of `n` rows: each lane row's first 6, `*`s, last 4 digits; null elsewhere.

    `CardInfo.masked` for 13 digits or more. When every row is in the lane
    the masks are written into the lane's own copy of the data (`padded`),
    which becomes the column's data buffer: call it after the lane's checks.
    """
    n = int(lane.rows.max(initial=-1)) + 1 if n is None else n
    if lane.offsets is not None and lane.offsets.size == n + 1 and n:
        return _masked_in_place(lane)
    lengths = lane.lengths
    size = np.zeros(n, dtype=np.int64)
    size[lane.rows] = lengths
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(size, out=offsets[1:])
    if offsets[-1] > np.iinfo(np.int32).max:
        raise ValueError("more than 2**31 - 1 bytes of masks in one table: pass smaller batches")
    ends = offsets[1:][lane.rows]
    out = np.zeros(int(offsets[-1]) + 9, dtype=np.uint8)
    _at(out, "<u4")[ends - 3] = _at(lane.padded, "<u4")[lane.ends - 4]  # the last four
    ends += 1  # `out` starts one byte early: a row's first four bytes end at its start + 3
    starts = ends - lengths
    first = lane.ends - lengths
    # Eight `*` end four bytes before each row's end (for 19 digits one more
    # before them); then the first six digits are put back.
    _at(out, "<u8")[ends - 12] = np.uint64(0x2A2A2A2A2A2A2A2A)
    out[starts[lengths == LAST] + 6] = ord("*")
    _at(out, "<u4")[starts] = _at(lane.padded, "<u4")[first]
    _at(out, "<u2")[starts + 4] = _at(lane.padded, "<u2")[first + 4]
    validity = None
    if lane.rows.size < n:
        shown = np.zeros(n, dtype=bool)
        shown[lane.rows] = True
        validity = pa.array(shown).buffers()[1]
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(out[1 : offsets[-1] + 1]),
        validity, n - lane.rows.size)


def _star_words() -> tuple[np.ndarray, np.ndarray]:
    """Per length, the bytes kept and the `*`s written in the word ending 4 bytes before the end.

    That word holds digits `length - 12` to `length - 5`; from digit 6 on they
    are hidden (for 19 digits digit 6 is the byte before the word).
    """
    keep = np.zeros((LAST + 1, 8), dtype=np.uint8)
    stars = np.zeros((LAST + 1, 8), dtype=np.uint8)
    for length in range(FIRST, LAST + 1):
        hidden = np.arange(8) + length - 12 >= 6
        keep[length, ~hidden] = 0xFF
        stars[length, hidden] = ord("*")
    return keep.view("<u8").ravel(), stars.view("<u8").ravel()


_KEEP, _STARS = _star_words()


def _masked_in_place(lane: Lane) -> pa.Array:
    """`masked` when every row is in the lane: the copy of the data, its middles hidden."""
    assert lane.offsets is not None
    word = lane.digits[:, 1] >> np.uint64(32)  # the 8 bytes before the last four
    word |= lane.digits[:, 2] << np.uint64(32)
    word ^= _ZEROS
    word &= _KEEP[lane.lengths]
    word |= _STARS[lane.lengths]
    _at(lane.padded, "<u8")[lane.ends - 12] = word
    lane.padded[lane.ends[lane.lengths == LAST] - 13] = ord("*")
    size = int(lane.offsets[-1])
    return pa.StringArray.from_buffers(
        lane.rows.size, pa.py_buffer(lane.offsets), pa.py_buffer(lane.padded[_PAD : _PAD + size]))
