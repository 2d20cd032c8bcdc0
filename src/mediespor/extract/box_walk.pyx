# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Container choice and boilerplate removal's walks over many nodes, compiled (see
:mod:`mediespor.extract.content`).

Choosing the article's container reads the text of every paragraph candidate (its length
stripped, its commas, the text of its links) and climbs to its parent and grandparent; the
Python did so with a node object per element, a Python string per text and a selector query
per link list: about a quarter of a bare parse a page. Removing boilerplate asked Lexbor for
every block with a class, an id or a marking attribute and built an attribute dict for each,
though most only carry a class and an id that name nothing: another third of a parse. Here
text is counted on Lexbor's own UTF-8 bytes (in Python characters, as ``len()`` counts them,
and stripped of what ``str.strip()`` strips), and blocks are found and their names read
without node objects; everything that is not the common case goes back to the Python rules.

What runs here: the paragraph scores (:func:`score_paragraphs`), text lengths and link shares
(:func:`text_len`, :func:`prose_link_density`), the climb out of hidden layers
(:func:`not_concealed`), the blocks boilerplate removal checks (:func:`boilerplate_blocks`),
the chosen blocks' paragraphs (:func:`tagged`) and teaser cards (:func:`teaser_cards`).

Every function returns exactly what the Python in ``content.py`` or ``cards.py`` returns, or
``None`` where its Python must answer instead: text that is not valid UTF-8 (Lexbor keeps such
bytes, and selectolax decodes them with replacement characters), or a link whose attributes
have qualified names. :func:`check` compares the layouts read here with selectolax's answers
on a scratch page; content.py uses this module only when it passes.
"""

from cpython.unicode cimport Py_UNICODE_ISSPACE
from libc.stdint cimport uintptr_t

from mediespor.extract.lexbor_abi cimport (
    MLX_ATTR_CLASS,
    MLX_ATTR_HREF,
    MLX_ATTR_ID,
    MLX_ATTR_STYLE,
    MLX_NODE_TYPE_ELEMENT,
    MLX_NODE_TYPE_TEXT,
    LexborNode,
    after_subtree,
    attr_name,
    attr_value,
    checked_root,
    mlx_attr_t,
    mlx_element_t,
    mlx_node_t,
    mlx_str_t,
    next_in,
    same_bytes,
    tag_entry,
    text_data,
    value_is,
    wrap,
)

# What an element's attributes hold, as bits: the attributes _ATTR_SELECTOR tests for, and
# the names a block's other attributes may mark it by (content._marked_boilerplate).
cdef enum:
    HAS_CLASS = 1
    HAS_ID = 2
    HAS_STYLE = 4
    HAS_HIDDEN = 8
    HAS_ARIA_HIDDEN = 16
    HAS_ROLE = 32
    HAS_ITEMPROP = 64
    # An attribute whose qualified name is not its local name (foreign content's "xlink:role"):
    # its dict key is not what Lexbor's selector matches, so the Python rules decide.
    HAS_QUALIFIED = 128
    MARKERS = HAS_STYLE | HAS_HIDDEN | HAS_ARIA_HIDDEN | HAS_ROLE | HAS_ITEMPROP


# --- Text, counted as Python counts it ------------------------------------------------------

cdef struct Count:
    Py_ssize_t chars     # characters, as len() of the decoded text
    Py_ssize_t lead      # leading whitespace characters (str.strip()'s)
    Py_ssize_t trail     # trailing whitespace characters, once anything else was seen
    Py_ssize_t commas    # "," and the full-width "，"
    bint seen            # anything but whitespace


cdef Py_ssize_t _validate(const unsigned char *s, size_t n, Py_ssize_t *commas) noexcept:
    """The number of characters in UTF-8 bytes (their commas, "," and "，", added to
    ``commas``), or -1 when they are not valid UTF-8 (Python's decoder then replaces bytes,
    which this does not count)."""
    cdef size_t i = 0
    cdef Py_ssize_t chars = 0
    cdef Py_ssize_t found = 0
    cdef unsigned char b, b1, b2, b3
    while i < n:
        b = s[i]
        if b < 0x80:
            found += b == 0x2C
            chars += 1
            i += 1
            continue
        if 0xC2 <= b <= 0xDF:
            if i + 1 >= n or (s[i + 1] & 0xC0) != 0x80:
                return -1
            i += 2
        elif 0xE0 <= b <= 0xEF:
            if i + 2 >= n:
                return -1
            b1 = s[i + 1]
            b2 = s[i + 2]
            if (b1 & 0xC0) != 0x80 or (b2 & 0xC0) != 0x80:
                return -1
            if (b == 0xE0 and b1 < 0xA0) or (b == 0xED and b1 > 0x9F):
                return -1  # an overlong form or a surrogate
            found += b == 0xEF and b1 == 0xBC and b2 == 0x8C  # U+FF0C
            i += 3
        elif 0xF0 <= b <= 0xF4:
            if i + 3 >= n:
                return -1
            b1 = s[i + 1]
            b2 = s[i + 2]
            b3 = s[i + 3]
            if (b1 & 0xC0) != 0x80 or (b2 & 0xC0) != 0x80 or (b3 & 0xC0) != 0x80:
                return -1
            if (b == 0xF0 and b1 < 0x90) or (b == 0xF4 and b1 > 0x8F):
                return -1  # an overlong form or beyond U+10FFFF
            i += 4
        else:
            return -1
        chars += 1
    commas[0] += found
    return chars


cdef inline Py_UCS4 _next_char(const unsigned char *s, size_t *i) noexcept:
    """The character at ``s[i]`` of valid UTF-8, stepping ``i`` past it."""
    cdef unsigned char b = s[i[0]]
    cdef size_t at = i[0]
    if b < 0x80:
        i[0] = at + 1
        return b
    if b < 0xE0:
        i[0] = at + 2
        return ((b & 0x1F) << 6) | (s[at + 1] & 0x3F)
    if b < 0xF0:
        i[0] = at + 3
        return ((b & 0x0F) << 12) | ((s[at + 1] & 0x3F) << 6) | (s[at + 2] & 0x3F)
    i[0] = at + 4
    return (
        ((b & 0x07) << 18) | ((s[at + 1] & 0x3F) << 12) | ((s[at + 2] & 0x3F) << 6)
        | (s[at + 3] & 0x3F)
    )


cdef inline Py_UCS4 _char_before(const unsigned char *s, size_t *end) noexcept:
    """The character of valid UTF-8 that ends at ``s[end]``, stepping ``end`` back to it."""
    cdef size_t at = end[0] - 1
    while (s[at] & 0xC0) == 0x80:
        at -= 1
    end[0] = at
    cdef size_t i = at
    return _next_char(s, &i)


cdef int _scan(const unsigned char *s, size_t n, Count *c) noexcept:
    """Count the characters of UTF-8 bytes that follow ``c``'s into ``c``; -1 when they are
    not valid UTF-8. Only the two ends are decoded: ``str.strip()`` only looks there."""
    cdef Py_ssize_t chars = _validate(s, n, &c.commas)
    cdef Py_ssize_t spaces = 0
    cdef size_t i = 0
    cdef Py_UCS4 ch
    if chars <= 0:
        return chars
    c.chars += chars
    # Py_UNICODE_ISSPACE is a macro that reads its argument twice: one character at a time.
    if not c.seen:
        while i < n:
            ch = _next_char(s, &i)
            if not Py_UNICODE_ISSPACE(ch):
                break
            spaces += 1
        c.lead += spaces
        if spaces == chars:
            return 0  # whitespace only: all of it leads
        c.seen = True
        spaces = 0
    i = n
    while i > 0:
        ch = _char_before(s, &i)
        if not Py_UNICODE_ISSPACE(ch):
            break
        spaces += 1
    # What trails the text so far goes on trailing only past text that is all whitespace.
    c.trail = c.trail + spaces if spaces == chars else spaces
    return 0


cdef inline int _scan_text(mlx_node_t *text, Count *c) noexcept:
    cdef mlx_str_t *data = text_data(text)
    if data == NULL or data.data == NULL:
        return 0
    return _scan(data.data, data.length, c)


cdef int _own_text(mlx_node_t *node, Count *c) noexcept:
    """``node.text(deep=False)``: the text nodes right under ``node``."""
    cdef mlx_node_t *child = node.first_child
    while child != NULL:
        if child.type == MLX_NODE_TYPE_TEXT and _scan_text(child, c) < 0:
            return -1
        child = child.next
    return 0


cdef int _deep_text(mlx_node_t *root, Count *c) noexcept:
    """``deep_text(node)`` (Lexbor's text_content): every text node below ``root``."""
    cdef mlx_node_t *node = root.first_child
    while node != NULL:
        if node.type == MLX_NODE_TYPE_TEXT and _scan_text(node, c) < 0:
            return -1
        node = next_in(node, root)
    return 0


cdef Py_ssize_t _link_chars(
    mlx_node_t *root, uintptr_t anchor, bint *found, Count *text=NULL
) noexcept:
    """The summed text length of every ``<a>`` in ``root``'s subtree (itself included), as
    ``sum(len(deep_text(a)) for a in find_tags(root, "a"))`` gives it: text inside links
    nested in links counts once per link. -1 for text that is not valid UTF-8. With ``text``,
    all of ``root``'s text is counted into it on the way, as :func:`_deep_text` counts it."""
    cdef Py_ssize_t links = 0
    cdef Py_ssize_t inside = 1 if root.local_name == anchor else 0
    cdef Py_ssize_t before
    cdef mlx_node_t *node = root.first_child
    cdef Count c = Count(0, 0, 0, 0, False)  # only its chars are read, each node's anew
    found[0] = inside > 0
    while node != NULL:
        if node.type == MLX_NODE_TYPE_TEXT:
            if text != NULL:
                before = text.chars
                if _scan_text(node, text) < 0:
                    return -1
                links += inside * (text.chars - before)
            elif inside:
                c.chars = 0
                if _scan_text(node, &c) < 0:
                    return -1
                links += inside * c.chars
        elif node.local_name == anchor:
            inside += 1
            found[0] = True
        if node.first_child != NULL:
            node = node.first_child
            continue
        # Leaving ``node`` and every ancestor that ends with it.
        while True:
            if node.local_name == anchor and node.type != MLX_NODE_TYPE_TEXT:
                inside -= 1
            if node.next != NULL:
                node = node.next
                break
            node = node.parent
            if node == root:
                return links
    return links


cdef inline Py_ssize_t _stripped(Count *c) noexcept:
    return c.chars - c.lead - c.trail if c.seen else 0


def text_len(LexborNode node not None):
    """``len(deep_text(node).strip())`` for an element, or None."""
    cdef Count c
    if node.node.type != MLX_NODE_TYPE_ELEMENT:
        return None
    c = Count(0, 0, 0, 0, False)
    if _deep_text(node.node, &c) < 0:
        return None
    return _stripped(&c)


def prose_link_density(LexborNode node not None, uintptr_t anchor):
    """``content._prose_link_density(node)``: 0.0 for a block without links, else the share
    of its stripped text that is link text (at most 1.0; 1.0 for no text); or None."""
    cdef bint found = False
    cdef Py_ssize_t links
    cdef Py_ssize_t length
    cdef Count c
    if node.node.type != MLX_NODE_TYPE_ELEMENT:
        return None
    # One walk for the links and the text: the blocks asked about are whole containers.
    c = Count(0, 0, 0, 0, False)
    links = _link_chars(node.node, anchor, &found, &c)
    if links < 0:
        return None
    if not found:
        return 0.0
    length = _stripped(&c)
    if length == 0:
        return 1.0
    return min(1.0, <double>links / <double>length)


# --- Paragraph scores -------------------------------------------------------------------------

def score_paragraphs(
    list candidates,
    object deep,
    Py_ssize_t stop,
    object whole,
    uintptr_t div,
    uintptr_t anchor,
    int max_depth,
    object class_weight,
):
    """``content._score_paragraphs(candidates, deep, stop, whole)``, or None (the Python then
    scores). ``class_weight(node)`` weighs a block by its class and id."""
    cdef dict scores = {}
    cdef dict held = {}
    cdef dict nodes = {}
    cdef dict groups = {}
    cdef LexborNode p
    cdef mlx_node_t *node
    cdef mlx_node_t *first
    cdef mlx_node_t *ancestor
    cdef bint own
    cdef bint full
    cdef bint found
    cdef bint by_div = deep is None
    cdef bint deep_flag = False if by_div else bool(deep)
    cdef Count c
    cdef Py_ssize_t n
    cdef Py_ssize_t links
    cdef Py_ssize_t score
    cdef Py_ssize_t key
    cdef Py_ssize_t group_key
    cdef Py_ssize_t levels
    cdef Py_ssize_t step
    cdef list group
    cdef object parser
    cdef double weight
    if not candidates:
        return scores, held, nodes
    for p in candidates:
        if p is None:
            return None  # not a node: the Python says what it makes of it
        node = p.node
        if by_div:
            own = node.local_name == div
            full = not own
        else:
            own = not deep_flag
            full = deep_flag or (whole is not None and <Py_ssize_t>node in whole)
        c = Count(0, 0, 0, 0, False)
        if full:
            # The text and the links' text in one walk of the block.
            links = _link_chars(node, anchor, &found, &c)
            if links < 0:
                return None
        else:
            links = -1
            if _own_text(node, &c) < 0:
                return None
        n = _stripped(&c)
        if n < 25:
            continue
        if n < 300:
            # Short blocks may be link lists: more than half of their text in links.
            if links < 0:
                links = _link_chars(node, anchor, &found)
                if links < 0:
                    return None
            if links * 2 > n:
                continue
        score = 1 + c.commas + min(n // 100, 3)
        first = node.parent
        parser = p.parser
        if own:
            key = <Py_ssize_t>node
            if key == stop:
                continue
            nodes[key] = p
            held[key] = held.get(key, 0) + n
            if first == NULL:
                continue
            group_key = -1 - <Py_ssize_t>first
        elif first == NULL:
            continue
        else:
            group_key = <Py_ssize_t>first
        group = groups.get(group_key)
        if group is None:
            groups[group_key] = [
                wrap(first, parser), n, score, max_depth - 1 if own else max_depth
            ]
        else:
            group[1] += n
            group[2] += score
    for group in groups.values():
        ancestor = (<LexborNode>group[0]).node
        parser = (<LexborNode>group[0]).parser
        n = group[1]
        score = group[2]
        levels = group[3]
        climbed = True
        for step in range(2):
            weight = 1.0 if step == 0 else 0.5
            key = <Py_ssize_t>ancestor
            if key == stop:
                climbed = False
                break
            made = group[0] if step == 0 else wrap(ancestor, parser)
            nodes[key] = made
            held[key] = held.get(key, 0) + n
            if key not in scores:
                scores[key] = class_weight(made)
            scores[key] += score * weight
            ancestor = ancestor.parent
            if ancestor == NULL:
                climbed = False
                break
        if climbed:
            for _ in range(levels - 2):
                key = <Py_ssize_t>ancestor
                if key == stop:
                    break
                nodes[key] = wrap(ancestor, parser)
                held[key] = held.get(key, 0) + n
                ancestor = ancestor.parent
                if ancestor == NULL:
                    break
    return scores, held, nodes


# --- Attributes ------------------------------------------------------------------------------

cdef int _attr_bits(mlx_node_t *node) noexcept:
    """Which of the attributes this module asks about the element has (``HAS_*``)."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).first_attr
    cdef int bits = 0
    cdef uintptr_t name_id
    cdef const unsigned char *name
    cdef size_t length = 0
    while attr != NULL:
        if attr.qualified_name != 0:
            bits |= HAS_QUALIFIED
        name_id = attr.node.local_name
        if name_id == MLX_ATTR_CLASS:
            bits |= HAS_CLASS
        elif name_id == MLX_ATTR_ID:
            bits |= HAS_ID
        elif name_id == MLX_ATTR_STYLE:
            bits |= HAS_STYLE
        else:
            name = attr_name(attr, &length)
            if name != NULL:
                if same_bytes(name, length, b"hidden", 6):
                    bits |= HAS_HIDDEN
                elif same_bytes(name, length, b"aria-hidden", 11):
                    bits |= HAS_ARIA_HIDDEN
                elif same_bytes(name, length, b"role", 4):
                    bits |= HAS_ROLE
                elif same_bytes(name, length, b"itemprop", 8):
                    bits |= HAS_ITEMPROP
        attr = attr.next
    return bits


cdef inline tuple _names(mlx_node_t *node):
    """``(attrs.get("class"), attrs.get("id"))`` of an element without qualified names."""
    cdef mlx_element_t *element = <mlx_element_t *>node
    return (attr_value(element.attr_class), attr_value(element.attr_id))


# --- Boilerplate blocks ----------------------------------------------------------------------

cdef int _marked(mlx_node_t *node, object hidden_style, object meta_itemprops) except -1:
    """content._marked_boilerplate on the element's attributes (none with a qualified name):
    hidden, navigation or a sidebar, or a microdata copy of the page's metadata."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).first_attr
    cdef mlx_attr_t *style = NULL
    cdef mlx_attr_t *aria = NULL
    cdef mlx_attr_t *role = NULL
    cdef mlx_attr_t *itemprop = NULL
    cdef const unsigned char *name
    cdef size_t length = 0
    while attr != NULL:
        if attr.node.local_name == MLX_ATTR_STYLE:
            style = attr
        else:
            name = attr_name(attr, &length)
            if name != NULL:
                if same_bytes(name, length, b"hidden", 6):
                    return 1
                if same_bytes(name, length, b"aria-hidden", 11):
                    aria = attr
                elif same_bytes(name, length, b"role", 4):
                    role = attr
                elif same_bytes(name, length, b"itemprop", 8):
                    itemprop = attr
        attr = attr.next
    if value_is(aria, b"true", 4):
        return 1
    if value_is(role, b"navigation", 10) or value_is(role, b"complementary", 13):
        return 1
    if style != NULL:
        text = attr_value(style)
        if text and hidden_style(text):
            return 1
    return itemprop != NULL and attr_value(itemprop) in meta_itemprops


def boilerplate_blocks(
    LexborNode root not None,
    bytes boxes,
    bytes keep_always,
    uintptr_t form,
    dict plain_cache,
    object plain_names,
    object hidden_style,
    object meta_itemprops,
    object check,
):
    """Call ``check(node)`` on the blocks of ``root``'s subtree (itself included) that
    ``content._ATTR_SELECTOR`` matches, in document order, as ``content._remove_boilerplate``
    does, and step over the subtree of each one ``check`` removed.

    ``boxes`` holds a byte per tag id, non-zero for the tags the selector wants a class or id
    of; ``keep_always`` the same for tags never removed. Settled here without a call: blocks
    inside one removed (never reached), detached ones, those of ``keep_always``, and the most
    common of all, a block that is no form, whose class and id are plain by
    ``plain_cache``/``plain_names((class, id))`` and whose other attributes do not mark it
    (content._marked_boilerplate, with ``hidden_style(style)`` and ``meta_itemprops``).

    ``check`` may remove the block it is given (``remove()`` detaches every node of it, and
    frees none), and nothing else: the walk goes on where the block ended, and raises
    RuntimeError rather than follow a node that ``check`` detached too.
    """
    cdef mlx_node_t *top = root.node
    cdef mlx_node_t *node = top
    cdef mlx_node_t *after
    cdef const unsigned char *box_table = boxes
    cdef Py_ssize_t box_size = len(boxes)
    cdef const unsigned char *keep_table = keep_always
    cdef Py_ssize_t keep_size = len(keep_always)
    cdef object parser = root.parser
    cdef uintptr_t tid
    cdef int bits
    cdef tuple names
    cdef object plain
    cdef bint settled
    while True:
        if node.type == MLX_NODE_TYPE_ELEMENT:
            tid = node.local_name
            bits = _attr_bits(node)
            if (
                (bits & MARKERS or tid == form or (bits & (HAS_CLASS | HAS_ID)
                 and tag_entry(box_table, box_size, tid)))
                and node.parent != NULL
                and not tag_entry(keep_table, keep_size, tid)
            ):
                # A plain block that nothing marks needs no more; the rest go to ``check``.
                settled = False
                if not bits & HAS_QUALIFIED and tid != form:
                    names = _names(node)
                    plain = plain_cache.get(names)
                    if plain is None:
                        plain = plain_names(names)
                    settled = plain and not (
                        bits & MARKERS and _marked(node, hidden_style, meta_itemprops)
                    )
                if not settled:
                    # Where the walk goes on if ``check`` removes the block.
                    after = after_subtree(node, top)
                    check(wrap(node, parser))
                    if node.parent == NULL:  # it had one: check removed the block
                        if after == NULL:
                            return
                        if after.parent == NULL:
                            # The walk could only go on through nodes out of the tree.
                            raise RuntimeError(
                                "boilerplate_blocks: check removed more than the block it "
                                "was given"
                            )
                        node = after
                        continue
        node = next_in(node, top)
        if node == NULL:
            return


# --- Hidden layers ---------------------------------------------------------------------------

def not_concealed(
    list ranked,
    dict nodes,
    Py_ssize_t need,
    Py_ssize_t checks,
    bytes page,
    dict concealed_cache,
    object concealed_by_name,
    object is_concealed,
):
    """``content._not_concealed(ranked, nodes, need)``: the first ``need`` blocks of
    ``ranked`` (of the first ``checks``) outside hidden layers, or all of ``ranked``.

    ``page`` holds a byte per tag id, non-zero for the page's own elements (where climbs
    stop); ``concealed_cache``/``concealed_by_name((class, id))`` judge names, and
    ``is_concealed(node)`` an element whose attributes have qualified names."""
    cdef dict verdicts = {}
    cdef list kept = []
    cdef list path
    cdef const unsigned char *page_table = page
    cdef Py_ssize_t page_size = len(page)
    cdef mlx_node_t *node
    cdef LexborNode start
    cdef Py_ssize_t n = 0
    cdef int bits
    cdef bint hidden
    cdef object known
    cdef object concealed
    cdef tuple names
    for key in ranked:
        if n >= checks or len(kept) == need:
            break
        n += 1
        path = []
        start = nodes[key]
        if start is None:
            raise TypeError("not_concealed needs a node for every key")
        node = start.node
        hidden = False
        while node != NULL and not tag_entry(page_table, page_size, node.local_name):
            mem_id = <Py_ssize_t>node
            known = verdicts.get(mem_id)
            if known is not None:
                hidden = known
                break
            path.append(mem_id)
            if node.type == MLX_NODE_TYPE_ELEMENT and (<mlx_element_t *>node).first_attr != NULL:
                bits = _attr_bits(node)
                if bits & HAS_QUALIFIED:
                    if is_concealed(wrap(node, start.parser)):
                        hidden = True
                        break
                else:
                    if bits & HAS_HIDDEN:
                        hidden = True
                        break
                    names = _names(node)
                    concealed = concealed_cache.get(names)
                    if concealed or (concealed is None and concealed_by_name(names)):
                        hidden = True
                        break
            node = node.parent
        for mem_id in path:
            verdicts[mem_id] = hidden
        if not hidden:
            kept.append(key)
    return kept or ranked


# --- Paragraphs ------------------------------------------------------------------------------

def tagged(LexborNode root not None, uintptr_t tag):
    """``css(root, name)`` for one tag: the elements of ``root``'s subtree (itself included)
    with the tag id ``tag``, in document order."""
    cdef mlx_node_t *top = root.node
    cdef mlx_node_t *node = top
    cdef list found = []
    while node != NULL:
        if node.local_name == tag and node.type == MLX_NODE_TYPE_ELEMENT:
            found.append(wrap(node, root.parser))
        node = next_in(node, top)
    return found


# --- Teaser cards ---------------------------------------------------------------------------

cdef mlx_attr_t *_href(mlx_node_t *node, bint *qualified) noexcept:
    """The element's ``href`` attribute (what ``a[href]`` asks for), or NULL; ``qualified``
    says whether any of its attributes has a qualified name of its own."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).first_attr
    cdef mlx_attr_t *found = NULL
    while attr != NULL:
        if attr.qualified_name != 0:
            qualified[0] = True
        if found == NULL and attr.node.local_name == MLX_ATTR_HREF:
            found = attr
        attr = attr.next
    return found


cdef mlx_node_t *_common_block(
    mlx_node_t *one, mlx_node_t *other, mlx_node_t *top, int depth, const unsigned char *kinds,
    Py_ssize_t kinds_size,
) noexcept:
    """cards._common_block: the innermost element below ``top`` holding both nodes, when it is
    at most ``depth`` levels above each and of a card's kind; else NULL."""
    cdef mlx_node_t *node = other.parent
    cdef mlx_node_t *above
    cdef int i, j
    for i in range(depth):
        if node == NULL or node == top:
            return NULL
        # Whether ``node`` is among the first ``depth`` ancestors of ``one`` below ``top``.
        above = one.parent
        for j in range(depth):
            if above == NULL or above == top:
                break
            if above == node:
                return node if tag_entry(kinds, kinds_size, node.local_name) else NULL
            above = above.parent
        node = node.parent
    return NULL


def teaser_cards(
    LexborNode root not None,
    object keep,
    uintptr_t anchor,
    bytes card_kinds,
    int depth,
    Py_ssize_t links_max,
    Py_ssize_t card_max,
    tuple not_pages,
    object advertises,
):
    """``cards.teaser_cards(root, keep)``, or None (then cards.py finds them): None where a
    link carries an attribute with a qualified name (SVG's ``xlink:href``), whose ``href``
    the Python reads otherwise. ``card_kinds`` holds a byte per tag id, non-zero for a card's
    tags; ``advertises(card, length)`` is cards._advertises."""
    cdef mlx_node_t *top = root.node
    cdef mlx_node_t *node = top
    cdef mlx_node_t *card
    cdef mlx_attr_t *attr
    cdef const unsigned char *kinds = card_kinds
    cdef Py_ssize_t kinds_size = len(card_kinds)
    cdef object parser = root.parser
    cdef dict first = {}
    cdef dict repeats = {}
    cdef list cards = []
    cdef set seen = set()
    cdef bint qualified = False
    cdef Py_ssize_t seen_before
    cdef Py_ssize_t length
    cdef uintptr_t earlier
    cdef Count c
    while True:
        if node.type == MLX_NODE_TYPE_ELEMENT and node.local_name == anchor:
            attr = _href(node, &qualified)
            if qualified:
                return None
            if attr != NULL:
                href = attr_value(attr)
                if href and not href.startswith(not_pages):
                    known = first.get(href)
                    if known is None:
                        first[href] = <uintptr_t>node
                    else:
                        # As cards.py: a page repeating one link many times climbs only a few.
                        seen_before = repeats.get(href, 0) + 1
                        repeats[href] = seen_before
                        earlier = known
                        if seen_before < links_max:
                            card = _common_block(
                                <mlx_node_t *>earlier, node, top, depth, kinds, kinds_size
                            )
                            key = <Py_ssize_t>card
                            if card != NULL and key not in keep and key not in seen:
                                seen.add(key)
                                c = Count(0, 0, 0, 0, False)
                                made = wrap(card, parser)
                                if _deep_text(card, &c) < 0:
                                    length = len(made.text_lexbor().strip())
                                else:
                                    length = _stripped(&c)
                                if length <= card_max and advertises(made, length):
                                    cards.append(made)
        node = next_in(node, top)
        if node == NULL:
            return cards


# --- The self-test ---------------------------------------------------------------------------

def check(object tree, uintptr_t anchor):
    """Whether the layouts read here read ``tree`` (a parsed scratch page) as selectolax does:
    the node object, and for every element its text's length stripped (deep and its own), its
    link text's length, its class and id, its href and which of the marking attributes it has. A
    page that shows none of these attributes, or no text beyond ASCII, proves nothing and
    fails."""
    cdef LexborNode root = checked_root(tree)
    if root is None:
        return False
    cdef LexborNode node
    cdef Count c
    cdef bint found
    cdef int bits
    cdef int seen = 0
    cdef bint qualified = False
    wide = False
    for node in root.traverse():
        if node.node.type != MLX_NODE_TYPE_ELEMENT:
            continue
        text = node.text_lexbor()
        wide = wide or not text.isascii()
        if text_len(node) != len(text.strip()):
            return False
        c = Count(0, 0, 0, 0, False)
        if _own_text(node.node, &c) < 0:
            return False
        own = node.text(deep=False)
        if _stripped(&c) != len(own.strip()) or c.commas != own.count(",") + own.count("，"):
            return False
        links = sum(len(a.text_lexbor()) for a in node.traverse() if a.tag_id == anchor)
        if _link_chars(node.node, anchor, &found) != links:
            return False
        attrs = node.attributes
        bits = _attr_bits(node.node)
        seen |= bits
        if bits & HAS_QUALIFIED:
            continue
        if _names(node.node) != (attrs.get("class"), attrs.get("id")):
            return False
        if (_href(node.node, &qualified) != NULL) != ("href" in attrs):
            return False
        for bit, name in (
            (HAS_CLASS, "class"), (HAS_ID, "id"), (HAS_STYLE, "style"), (HAS_HIDDEN, "hidden"),
            (HAS_ARIA_HIDDEN, "aria-hidden"), (HAS_ROLE, "role"), (HAS_ITEMPROP, "itemprop"),
        ):
            if bool(bits & bit) != (name in attrs):
                return False
    return wide and seen == MARKERS | HAS_CLASS | HAS_ID | HAS_QUALIFIED
