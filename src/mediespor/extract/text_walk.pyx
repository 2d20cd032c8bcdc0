# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The main-text walk of :class:`mediespor.extract.content._Walker`, compiled.

``_Walker.walk`` visits every node of the chosen container(s): it made a node object for each
text node and element (through ``node.iter``), asked each for its tag id, and recursed into
every element: the extractor's costliest Python after the parse. This walk follows Lexbor's
pointers itself, with a stack of its own rather than recursion, decodes text nodes straight
from Lexbor's character data, and makes node objects only for what Python still reads: the
``<a>`` elements of a block, a ``<header>`` whose text decides whether it is walked, and an
element nested past the depth limit (its whole text, as selectolax reads it).

The walk appends the same strings to the walker's ``buf`` as the Python walk, keeps its
``link_chars``, ``link_end``, ``quote``, ``heading`` and ``cell`` as the Python walk would,
and ends a block wherever the Python walk calls ``flush()``. ``_Walker.walk`` is the
specification; the results are identical, and :func:`check` tests the text layout against
selectolax.

:func:`flush` is ``_Walker.flush`` up to its rules: whether the block ends in a link, its
line (:func:`block_text`: the pieces single-spaced in one pass, where Python joined them and
ran printable and NFC tests and a split and join; ``content._single_spaced`` is its
specification and fallback), and, for a long line with a space, which no rule meets, its
block. Every other line goes to the walker's ``_add``, the rules in Python; so does a last
link that may only say "here" (``content._deictic``).
"""

from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.unicode cimport (
    Py_UNICODE_ISSPACE,
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_4BYTE_KIND,
    PyUnicode_Check,
    PyUnicode_DATA,
    PyUnicode_DecodeUTF8,
    PyUnicode_FromKindAndData,
    PyUnicode_GET_LENGTH,
    PyUnicode_KIND,
    PyUnicode_READ,
)
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uintptr_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcmp, memcpy

from mediespor.extract.lexbor_abi cimport (
    MLX_NODE_TYPE_TEXT,
    LexborNode,
    checked_root,
    mlx_node_t,
    mlx_str_t,
    tag_entry,
    text_data,
    wrap,
)

# What the walk does with a node: the byte its tag id's entry in the table holds.
cdef enum:
    K_INLINE = 0  # walked into, its text part of the block (also any tag not in the table)
    K_TEXT = 1
    K_SKIP = 2  # never walked (a page title, a comment)
    K_HEADER = 3  # walked as a block when it holds article text (``_Walker._holds_article``)
    K_BR = 4
    K_A = 5  # inline, its text link text
    K_BLOCK = 6  # ends the block before it and its own last block
    K_QUOTE = 7  # a block whose blocks are quoted text (``_Walker.quote``)
    K_HEADING = 8  # ... headings (``_Walker.heading``)
    K_CELL = 9  # ... table cells (``_Walker.cell``)

# The kinds under their names, for the table content.py builds.
INLINE = K_INLINE
TEXT = K_TEXT
SKIP = K_SKIP
HEADER = K_HEADER
BR = K_BR
A = K_A
BLOCK = K_BLOCK
QUOTE = K_QUOTE
HEADING = K_HEADING
CELL = K_CELL


cdef struct Frame:
    mlx_node_t *next  # the element's next child to visit
    unsigned char leave  # the element's kind: what leaving it does
    bint in_link


cdef inline bint _ascii_blank(const unsigned char *data, size_t length) noexcept:
    """selectolax's ``is_empty_text_node`` test: only ASCII whitespace, or nothing."""
    cdef size_t i
    if data == NULL:
        return True
    for i in range(length):
        if data[i] not in b" \t\n\x0c\r":
            return False
    return True


cdef class _TextWalk:
    """One call of the walk: the walker it fills and the state it keeps for it."""

    cdef object walker
    cdef list buf
    cdef object brk
    cdef object parser
    cdef const unsigned char *kinds
    cdef Py_ssize_t kinds_size
    cdef Py_ssize_t link_chars
    cdef Py_ssize_t link_end
    cdef long quote
    cdef long heading

    cdef inline unsigned char kind(self, uintptr_t tid) noexcept:
        # Tags beyond the table (custom elements) are K_INLINE (0).
        return tag_entry(self.kinds, self.kinds_size, tid)

    cdef int flush(self) except -1:
        """The walker's ``flush()``, with the link counts and marks kept here."""
        return _flush(
            self.walker, self.buf, &self.link_chars, &self.link_end, self.quote, self.heading
        )

    cdef int text(self, mlx_node_t *node, bint in_link) except -1:
        """A text node: its text joins the block (as in ``_Walker.walk``)."""
        cdef mlx_str_t *chars = text_data(node)
        if chars == NULL:
            return 0  # no character data to read (selectolax's text_content is None)
        cdef const unsigned char *data = chars.data
        cdef size_t length = chars.length
        cdef Py_ssize_t size = PyList_GET_SIZE(self.buf)
        # Whitespace before any text of a block changes nothing: most of it is ASCII, told
        # apart without building a string.
        if data == NULL or length == 0 or (size == 0 and _ascii_blank(data, length)):
            return 0
        value = PyUnicode_DecodeUTF8(<const char *>data, length, "replace")
        if size == 0 and value.isspace():
            return 0
        self.buf.append(value)
        if in_link:
            self.link_chars += len(value.strip())
            self.link_end = size + 1
        return 0

    cdef int br(self) except -1:
        """A ``<br>``: a second one in a row (blank between them or not) ends the block."""
        cdef list buf = self.buf
        cdef Py_ssize_t size = PyList_GET_SIZE(buf)
        cdef object last
        if size and not self.quote:
            last = <object>PyList_GET_ITEM(buf, size - 1)
            if last is self.brk or (
                size > 1
                and <object>PyList_GET_ITEM(buf, size - 2) is self.brk
                and last.isspace()
            ):
                return self.flush()
        buf.append(self.brk)
        return 0

    cdef int enter(self, unsigned char kind) except -1:
        """Entering a block: the block before it ends, and a marked one marks its blocks."""
        if PyList_GET_SIZE(self.buf):
            self.flush()
        walker = self.walker
        if kind == K_QUOTE:
            self.quote += 1
            walker.quote = self.quote
        elif kind == K_HEADING:
            self.heading += 1
            walker.heading = self.heading
        elif kind == K_CELL:
            walker.cell += 1
        return 0

    cdef int leave(self, unsigned char kind) except -1:
        """Leaving an element: a block's last block ends, and its mark goes."""
        if kind < K_BLOCK:
            return 0
        if PyList_GET_SIZE(self.buf):
            self.flush()
        walker = self.walker
        if kind == K_QUOTE:
            self.quote -= 1
            walker.quote = self.quote
        elif kind == K_HEADING:
            self.heading -= 1
            walker.heading = self.heading
        elif kind == K_CELL:
            walker.cell -= 1
        return 0

    cdef int run(self, mlx_node_t *top, bint in_link, long depth, long max_depth) except -1:
        """``_Walker.walk(top, in_link, depth)``, with a stack for its recursion."""
        cdef Py_ssize_t size = max_depth - depth + 2
        cdef Frame *stack = <Frame *>malloc(size * sizeof(Frame))
        if stack == NULL:
            raise MemoryError()
        try:
            self.walk(stack, top, in_link, depth, max_depth)
        finally:
            free(stack)
        return 0

    cdef int walk(
        self, Frame *stack, mlx_node_t *top, bint in_link, long depth, long max_depth
    ) except -1:
        cdef Py_ssize_t sp = 0  # the frame of the element whose children are visited
        cdef Frame *frame
        cdef mlx_node_t *child
        cdef mlx_node_t *first
        cdef unsigned char kind
        cdef bint child_in_link
        stack[0].next = top.first_child
        stack[0].leave = K_INLINE  # walk() itself ends no block
        stack[0].in_link = in_link
        while True:
            frame = &stack[sp]
            child = frame.next
            if child == NULL:
                if sp == 0:
                    return 0
                sp -= 1
                self.leave(frame.leave)
                continue
            frame.next = child.next
            kind = self.kind(child.local_name)
            if kind == K_TEXT:
                self.text(child, frame.in_link)
                continue
            if kind == K_SKIP:
                continue
            if kind == K_HEADER:
                if not self.walker._holds_article(wrap(child, self.parser)):
                    continue
                kind = K_BLOCK
            if kind == K_BR:
                self.br()
                continue
            child_in_link = frame.in_link
            if kind >= K_BLOCK:
                self.enter(kind)
            else:
                if kind == K_A:
                    child_in_link = True
                    self.walker.anchors.append(wrap(child, self.parser))
                first = child.first_child
                if (
                    first != NULL
                    and first.next == NULL
                    and self.kind(first.local_name) == K_TEXT
                ):
                    # An inline element holding one run of text, read without a frame (and
                    # without the depth limit, as the Python walk reads it).
                    self.text(first, child_in_link)
                    continue
                kind = K_INLINE
            if depth + sp + 1 > max_depth:
                # Pathologically nested markup: its text as one piece, as the Python walk does.
                self.buf.append(wrap(child, self.parser).text(deep=True))
                self.leave(kind)
                continue
            sp += 1
            stack[sp].next = child.first_child
            stack[sp].leave = kind
            stack[sp].in_link = child_in_link


def walk(
    object walker,
    LexborNode node not None,
    bint in_link,
    long depth,
    long max_depth,
    bytes kinds,
    object brk,
):
    """Walk ``node``'s subtree into ``walker`` (a ``content._Walker``) as its ``walk(node,
    in_link, depth)`` does.

    ``kinds`` holds a byte per tag id, the kind of node it is (this module's ``TEXT``,
    ``BLOCK`` ...; tags beyond it are inline); ``brk`` is the walker's line-break string,
    appended for a ``<br>`` and told from text by identity; elements nested deeper than
    ``max_depth`` are read whole. Returns False, having done nothing, for a node this walk
    does not start from (a fragment's root, a template's content): the Python walk does.
    """
    if node.is_fragment_root or node.is_template_content:
        return False
    cdef _TextWalk w = _TextWalk()
    w.walker = walker
    w.buf = walker.buf
    w.brk = brk
    w.parser = node.parser
    w.kinds = kinds
    w.kinds_size = len(kinds)
    w.link_chars = walker.link_chars
    w.link_end = walker.link_end
    w.quote = walker.quote
    w.heading = walker.heading
    if depth > max_depth:
        w.buf.append(node.text(deep=True))
        return True
    try:
        w.run(node.node, in_link, depth, max_depth)
    finally:
        walker.link_chars = w.link_chars
        walker.link_end = w.link_end
    return True


cdef uint32_t _invisible[8]
cdef Py_ssize_t _invisible_count = 0
cdef object _is_normalized = None
# A bit per character of the Basic Multilingual Plane: whitespace or invisible (the others
# hold no whitespace, and no invisible character as INVISIBLE has them).
cdef uint8_t _special[8192]  # a bit per character below U+10000
# The same less the space.
cdef uint8_t _blank[8192]  # a bit per character below U+10000


# What :func:`flush` takes from ``content`` (``configure``).
cdef object _single_spaced = None
cdef object _deictic = None
cdef Py_ssize_t _deictic_max = 0
cdef Py_ssize_t _long_line = 0
cdef double _linked_share = 0.0
cdef object _block = None
cdef object _new_block = None
cdef object _prose = None
cdef object _heading = None
cdef object _no_anchors = None


def configure(
    str invisible,
    object is_normalized,
    *,
    object single_spaced,
    object deictic,
    Py_ssize_t deictic_max,
    Py_ssize_t long_line,
    double linked_share,
    object block,
    object new_block,
    object prose,
    object heading,
    object no_anchors,
):
    """Set what :func:`block_text` and :func:`flush` take from ``content``: the characters
    dropped from a line (``invisible.INVISIBLE``, each one unprintable and none ASCII, as
    ``_Walker.flush`` assumes), ``unicodedata``'s ``is_normalized``, the Python fallbacks
    (``_single_spaced``, ``_deictic``), the length from which a line with a space meets no
    rule of ``_Walker._add`` (``long_line``), and the blocks' make and kinds."""
    global _invisible_count, _is_normalized, _single_spaced, _deictic, _deictic_max
    global _long_line, _linked_share, _block, _new_block, _prose, _heading, _no_anchors
    cdef uint32_t char
    if len(invisible) > 8:
        raise ValueError("at most 8 invisible characters")
    _invisible_count = 0
    for letter in invisible:
        _invisible[_invisible_count] = ord(letter)
        _invisible_count += 1
    for char in range(0x10000):
        if Py_UNICODE_ISSPACE(char) or _is_invisible(char):
            _special[char >> 3] |= 1 << (char & 7)
        else:
            _special[char >> 3] &= ~(1 << (char & 7))
    memcpy(_blank, _special, sizeof(_special))
    _blank[0x20 >> 3] &= ~(1 << (0x20 & 7))
    _is_normalized = is_normalized
    _single_spaced = single_spaced
    _deictic = deictic
    _deictic_max = deictic_max
    _long_line = long_line
    _linked_share = linked_share
    _block = block
    _new_block = new_block
    _prose = prose
    _heading = heading
    _no_anchors = no_anchors


cdef inline bint _is_invisible(uint32_t char) noexcept:
    cdef Py_ssize_t i
    for i in range(_invisible_count):
        if _invisible[i] == char:
            return True
    return False


cdef inline bint _is_special(uint32_t char) noexcept:
    """Whether the character is whitespace or invisible."""
    if char < 0x10000:
        return (_special[char >> 3] >> (char & 7)) & 1
    return Py_UNICODE_ISSPACE(char) or _is_invisible(char)


ctypedef fused _ucs:
    uint8_t
    uint16_t
    uint32_t


cdef struct _Scan:
    bint space  # the last character was whitespace (building: and text came before it)
    uint32_t last  # the last character (scanning: a space before the first)
    bint nfc  # a character came that NFC may change or compose


# Characters at or above U+0300 that are their own NFC and compose with nothing (general
# punctuation: dashes, curly quotes, the euro sign), so a line of them needs no NFC test.
NFC_SAFE = ((0x2010, 0x2027), (0x2030, 0x205E), (0x20AC, 0x20AC))


cdef inline bint _nfc_safe(uint32_t char) noexcept:
    # Without branches: it is asked of every character.
    return (
        (char < 0x300)
        | ((char >= 0x2010) & (char <= 0x2027))
        | ((char >= 0x2030) & (char <= 0x205E))
        | (char == 0x20AC)
    )


cdef inline bint _clean(const _ucs *data, Py_ssize_t length, _Scan *scan) noexcept:
    """Whether the piece keeps the line single-spaced so far: no whitespace but single
    spaces after text, no invisible character."""
    # Without branches on the characters (a branch per word would mispredict), and the state
    # in locals: stores through ``scan`` could alias ``data`` (a char pointer).
    cdef uint32_t prev = scan.last
    cdef uint32_t bad = 0
    cdef uint32_t nfc = 0
    cdef Py_ssize_t i
    cdef uint32_t char
    if _ucs is uint32_t:
        for i in range(length):
            char = data[i]
            if char == 0x20:
                bad |= prev == 0x20
            elif _is_special(char):
                return False
            else:
                nfc |= not _nfc_safe(char)
            prev = char
    else:
        for i in range(length):
            char = data[i]
            # A space after a space (or first: ``last`` starts as one), or any other
            # whitespace or invisible character.
            bad |= ((char == 0x20) & (prev == 0x20)) | ((_blank[char >> 3] >> (char & 7)) & 1)
            nfc |= not _nfc_safe(char)
            prev = char
    scan.last = prev
    scan.nfc |= nfc
    return not bad


cdef inline Py_ssize_t _build(
    const _ucs *data, Py_ssize_t length, Py_UCS4 *out, Py_ssize_t size, _Scan *scan
) noexcept:
    """Add the piece to ``out`` (``size`` characters so far), single-spaced; the new size."""
    cdef bint space = scan.space
    cdef bint nfc = False
    cdef Py_ssize_t i
    cdef uint32_t char
    for i in range(length):
        char = data[i]
        if 0x20 < char < 0x7F or not _is_special(char):
            if space:
                out[size] = 32
                size += 1
                space = False
            out[size] = char
            size += 1
            nfc |= not _nfc_safe(char)
        elif Py_UNICODE_ISSPACE(char):
            space = size > 0
        # (else an invisible character: dropped)
    scan.space = space
    scan.nfc |= nfc
    return size


cdef bint _clean_piece(object piece, _Scan *scan) noexcept:
    cdef int kind = PyUnicode_KIND(piece)
    cdef void *data = PyUnicode_DATA(piece)
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(piece)
    if kind == PyUnicode_1BYTE_KIND:
        return _clean(<const uint8_t *>data, length, scan)
    if kind == PyUnicode_2BYTE_KIND:
        return _clean(<const uint16_t *>data, length, scan)
    return _clean(<const uint32_t *>data, length, scan)


cdef Py_ssize_t _build_piece(object piece, Py_UCS4 *out, Py_ssize_t size, _Scan *scan) noexcept:
    cdef int kind = PyUnicode_KIND(piece)
    cdef void *data = PyUnicode_DATA(piece)
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(piece)
    if kind == PyUnicode_1BYTE_KIND:
        return _build(<const uint8_t *>data, length, out, size, scan)
    if kind == PyUnicode_2BYTE_KIND:
        return _build(<const uint16_t *>data, length, out, size, scan)
    return _build(<const uint32_t *>data, length, out, size, scan)


cdef int _all_text(list buf) except -1:
    """Refuse a block with a piece that is no ``str``: its memory would be read as one's."""
    cdef Py_ssize_t i
    for i in range(PyList_GET_SIZE(buf)):
        if not PyUnicode_Check(<object>PyList_GET_ITEM(buf, i)):
            raise TypeError(f"a block's pieces are str, not {type(buf[i]).__name__}")
    return 0


def block_text(list buf):
    """``buf``'s pieces as one single-spaced line: joined, without invisible characters, every
    run of whitespace one space, none at the ends (``" ".join(text.split())``); what
    ``_Walker.flush`` makes of them. None when the line is not in NFC, whose normalisation the
    caller does (rare: a decomposed accent).

    Whitespace is ``str.split()``'s (``Py_UNICODE_ISSPACE``), so the result is the Python's
    character for character. Most lines are single-spaced already: one scan tells, and their
    pieces are joined as they are; the rest are built in one pass.
    """
    cdef Py_ssize_t count = PyList_GET_SIZE(buf)
    cdef Py_ssize_t i, size = 0, total = 0
    cdef _Scan scan
    cdef Py_UCS4 *out
    _all_text(buf)
    scan.last = 0x20
    scan.nfc = False
    for i in range(count):
        if not _clean_piece(<object>PyList_GET_ITEM(buf, i), &scan):
            break
    else:
        if scan.last != 0x20:  # text, and no space at its end
            if count == 1:
                text = <object>PyList_GET_ITEM(buf, 0)
            else:
                text = "".join(buf)
            if scan.nfc and not _is_normalized("NFC", text):
                return None
            return text
    for i in range(count):
        total += PyUnicode_GET_LENGTH(<object>PyList_GET_ITEM(buf, i))
    out = <Py_UCS4 *>malloc((total + 1) * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    scan.space = False
    scan.nfc = False
    try:
        for i in range(count):
            size = _build_piece(<object>PyList_GET_ITEM(buf, i), out, size, &scan)
        text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size)
    finally:
        free(out)
    if scan.nfc and not _is_normalized("NFC", text):
        return None
    return text


cdef int _flush(
    object walker,
    list buf,
    Py_ssize_t *link_chars,
    Py_ssize_t *link_end,
    long quote,
    long heading,
) except -1:
    """``_Walker.flush``: the pending block's line, added as a block of its kind by the
    walker's ``_add`` (its rules) or, for a long line with a space (no rule meets one),
    here."""
    cdef Py_ssize_t count = PyList_GET_SIZE(buf)
    cdef Py_ssize_t end = link_end[0]
    cdef Py_ssize_t i, length, links
    cdef bint linked = False
    cdef bint deictic = False
    cdef object anchors = _no_anchors
    if count == 0:
        return 0
    _all_text(buf)
    if end < 0 or end > count:
        # The last link's piece is read at ``end - 1``: never outside the list (where the
        # Python's buf[link_end - 1] raises too).
        raise IndexError(f"link_end {end} outside a block of {count} pieces")
    if end:
        # Only whitespace after the last link's text: the block ends in a link.
        linked = True
        for i in range(end, count):
            if not (<object>PyList_GET_ITEM(buf, i)).isspace():
                linked = False
                break
        if PyUnicode_GET_LENGTH(<object>PyList_GET_ITEM(buf, end - 1)) <= _deictic_max:
            deictic = _deictic(buf, end)
            linked = linked or deictic
        link_end[0] = 0
        # Taken with the link text they hold; <a>s without text may stay for the next.
        anchors = walker.anchors
        walker.anchors = []
    text = block_text(buf)
    if text is None:
        text = _single_spaced("".join(buf))
    # Cleared, not replaced: the walk holds on to this list.
    del buf[:]
    links = link_chars[0]
    link_chars[0] = 0
    length = PyUnicode_GET_LENGTH(text)
    if length == 0:
        return 0
    if length < _long_line or " " not in text:
        walker._add(text, links, linked, deictic, anchors)
    elif quote:
        walker.blocks.append(_new_block(_block, (_prose, text, False)))
    elif heading:
        walker.blocks.append(_new_block(_block, (_heading, text, False)))
    else:
        linked = linked and (links >= _linked_share * length or deictic)
        walker.blocks.append(_new_block(_block, (_prose, text, linked)))
    return 0


def flush(object walker):
    """``walker.flush()`` (a ``content._Walker``), as its Python does."""
    cdef Py_ssize_t link_chars = walker.link_chars
    cdef Py_ssize_t link_end = walker.link_end
    try:
        _flush(walker, walker.buf, &link_chars, &link_end, walker.quote, walker.heading)
    finally:
        walker.link_chars = link_chars
        walker.link_end = link_end


def check(object tree):
    """Whether nodes read through the declared layouts (``lexbor_abi.h``) as selectolax reads
    them in ``tree`` (a parsed scratch page): each node's tag id and type, each text node's
    data, blank or not. A length is compared before any byte is read."""
    cdef LexborNode root = checked_root(tree)
    if root is None:
        return False
    cdef mlx_node_t *node
    cdef mlx_str_t *chars
    cdef bytes theirs
    texts = 0
    stack = [root]
    while stack:
        parent = stack.pop()
        for child in (<LexborNode>parent).iter(include_text=True):
            stack.append(child)
            node = (<LexborNode>child).node
            if node.local_name != child.tag_id:
                return False
            if (node.type == MLX_NODE_TYPE_TEXT) != (child.text_content is not None):
                return False
            if node.type != MLX_NODE_TYPE_TEXT:
                continue
            chars = text_data(node)
            theirs = child.text_content.encode()
            if chars.length != <size_t>len(theirs) or chars.data == NULL:
                return False
            if memcmp(chars.data, <const char *>theirs, len(theirs)) != 0:
                return False
            if _ascii_blank(chars.data, chars.length) != child.is_empty_text_node:
                return False
            texts += 1
    return texts > 1
