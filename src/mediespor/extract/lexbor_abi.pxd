# Declarations and helpers shared by mediespor's compiled walks (lexbor_walk, lexbor_attrs,
# text_walk, box_walk): the Lexbor node layouts and selectolax's node object (lexbor_abi.h
# says where they come from and how they are checked), and every small read of them that
# more than one walk makes. One place for each: a walk declares no layout of its own.
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdint cimport uintptr_t
from libc.string cimport memcmp

cdef extern from "lexbor_abi.h":
    ctypedef struct mlx_node_t:
        uintptr_t local_name
        mlx_node_t *next
        mlx_node_t *prev
        mlx_node_t *parent
        mlx_node_t *first_child
        mlx_node_t *last_child
        int type

    ctypedef struct mlx_str_t:
        unsigned char *data
        size_t length

    ctypedef struct mlx_attr_t:
        mlx_node_t node
        # Set only where Lexbor keeps a qualified name of its own (foreign content's adjusted
        # names, SVG's "xlink:href"): then it is what selectolax's ``attributes`` keys.
        uintptr_t qualified_name
        mlx_str_t *value  # NULL for an attribute without a value
        mlx_attr_t *next

    ctypedef struct mlx_element_t:
        mlx_node_t node
        mlx_attr_t *first_attr
        mlx_attr_t *attr_id
        mlx_attr_t *attr_class

    # A text node's data (Lexbor's character data: text nodes and comments).
    ctypedef struct mlx_character_data_t:
        mlx_node_t node
        mlx_str_t data

    ctypedef union mlx_hash_name:
        unsigned char *long_str
        unsigned char short_str[17]  # MLX_HASH_SHORT_SIZE + 1

    ctypedef struct mlx_hash_entry_t:
        mlx_hash_name u
        size_t length

    uintptr_t MLX_ATTR_LAST_ENTRY
    size_t MLX_HASH_SHORT_SIZE

    # The node object's C struct under a name of its own, for sizeof().
    ctypedef struct node_object_layout "mlx_node_object":
        pass

    int MLX_NODE_TYPE_ELEMENT
    int MLX_NODE_TYPE_TEXT

    ctypedef class selectolax.lexbor.LexborNode [object mlx_node_object, check_size ignore]:
        cdef mlx_node_t *node
        cdef object parser
        cdef int is_fragment_root
        cdef int is_template_content


# Lexbor's ids of the attribute names read by id (dom/interfaces/attr_const.h): names it knows
# in advance have fixed ids, any other name's id is its entry in the document's name table.
cdef enum:
    MLX_ATTR_CLASS = 0x000B
    MLX_ATTR_CONTENT = 0x0010
    MLX_ATTR_HREF = 0x001D
    MLX_ATTR_ID = 0x0021
    MLX_ATTR_REL = 0x0032
    MLX_ATTR_STYLE = 0x003E
    MLX_ATTR_TYPE = 0x0043


# --- Node objects ------------------------------------------------------------------------------

cdef inline LexborNode wrap(mlx_node_t *node, object parser):
    """A selectolax node object for ``node``, as selectolax's own LexborNode.new makes one."""
    cdef LexborNode made = LexborNode.__new__(LexborNode)
    made.node = node
    made.parser = parser
    return made


cdef inline LexborNode checked_root(object tree):
    """``tree.root`` (``tree`` a parsed scratch page) when selectolax's node object has the
    declared size and points at the node it names; else None. Where every ``check()`` starts."""
    if LexborNode.__basicsize__ != sizeof(node_object_layout):
        return None
    cdef LexborNode root = tree.root
    if root is None or <uintptr_t>root.node != root.mem_id:
        return None
    return root


# --- Walking -----------------------------------------------------------------------------------

cdef inline mlx_node_t *after_subtree(mlx_node_t *node, mlx_node_t *top) noexcept:
    """The node that follows ``node``'s subtree in document order within ``top``'s, or NULL.
    The walks go by pointers, never by recursion: a page may nest ten thousand deep. A node
    detached on the way (no parent short of ``top``) ends the walk rather than being followed
    out of the tree."""
    while node != top and node.next == NULL:
        node = node.parent
        if node == NULL:
            return NULL
    return NULL if node == top else node.next


cdef inline mlx_node_t *next_in(mlx_node_t *node, mlx_node_t *top) noexcept:
    """The node after ``node`` in document order within ``top``'s subtree, or NULL."""
    return node.first_child if node.first_child != NULL else after_subtree(node, top)


cdef inline unsigned char tag_entry(
    const unsigned char *table, Py_ssize_t size, uintptr_t tid
) noexcept:
    """A table's byte for a tag id (a byte per id), 0 beyond it: custom elements' ids lie far
    beyond the standard tags' ids, and are never in a table."""
    return table[tid] if tid < <uintptr_t>size else 0


cdef inline mlx_str_t *text_data(mlx_node_t *node) noexcept:
    """A text node's data (UTF-8 as Lexbor keeps it, maybe invalid; its ``data`` may be NULL),
    or NULL for any other node."""
    if node.type != MLX_NODE_TYPE_TEXT:
        return NULL
    return &(<mlx_character_data_t *>node).data


# --- Attributes --------------------------------------------------------------------------------

cdef inline const unsigned char *attr_name(mlx_attr_t *attr, size_t *length) noexcept:
    """The name of an attribute Lexbor does not know in advance, or NULL for one it does."""
    cdef uintptr_t name = attr.node.local_name
    cdef mlx_hash_entry_t *entry
    if name <= MLX_ATTR_LAST_ENTRY:
        return NULL
    entry = <mlx_hash_entry_t *>name
    length[0] = entry.length
    if entry.length <= MLX_HASH_SHORT_SIZE:
        return entry.u.short_str
    return entry.u.long_str


cdef inline bint same_bytes(
    const unsigned char *text, size_t length, const char *want, size_t n
) noexcept:
    """Whether ``text`` (``length`` bytes) is exactly ``want`` (``n`` bytes)."""
    return length == n and memcmp(text, want, n) == 0


cdef inline bint attr_is(mlx_attr_t *attr, uintptr_t known, const char *name, size_t length) noexcept:
    """Whether ``attr``'s name is ``name``, as selectolax's ``attributes`` keys it: the
    qualified name where Lexbor keeps one (``xlink:href`` in SVG), else the local name.
    ``known`` is Lexbor's id for ``name`` when it knows the name in advance, else 0."""
    cdef uintptr_t id = attr.qualified_name
    cdef mlx_hash_entry_t *entry
    if id == 0:
        id = attr.node.local_name
    if id <= MLX_ATTR_LAST_ENTRY:
        return known != 0 and id == known
    entry = <mlx_hash_entry_t *>id
    if entry.length <= MLX_HASH_SHORT_SIZE:
        return same_bytes(entry.u.short_str, entry.length, name, length)
    return same_bytes(entry.u.long_str, entry.length, name, length)


cdef inline mlx_attr_t *find_attr(
    mlx_node_t *element, uintptr_t known, const char *name, size_t length
) noexcept:
    """The element's attribute named ``name`` (see ``attr_is``), or NULL."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>element).first_attr
    while attr != NULL:
        if attr_is(attr, known, name, length):
            return attr
        attr = attr.next
    return NULL


cdef inline object attr_value(mlx_attr_t *attr):
    """What selectolax's ``attributes`` gives for ``attr``: None for no attribute or one
    without a value, else its text (bytes that are not UTF-8 read as U+FFFD, as selectolax
    reads them)."""
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return None
    return PyUnicode_DecodeUTF8(<const char *>attr.value.data, attr.value.length, "replace")


cdef inline bint value_is(mlx_attr_t *attr, const char *want, size_t n) noexcept:
    """Whether an attribute's value is exactly ``want`` (``n`` bytes; False without one)."""
    return (
        attr != NULL and attr.value != NULL and attr.value.data != NULL
        and same_bytes(attr.value.data, attr.value.length, want, n)
    )


# --- ASCII case folding ------------------------------------------------------------------------

cdef inline unsigned char fold(unsigned char c) noexcept:
    # ASCII letters only, as Lexbor's "i" flag and Python's ``lower()`` of ASCII text fold.
    return c + 32 if 65 <= c <= 90 else c


cdef inline bint value_folded_is(mlx_attr_t *attr, const char *word, size_t length) noexcept:
    """Whether ``attr``'s value is ``word`` (lower-case ASCII) in any ASCII case:
    ``value.isascii() and value.lower() == word`` (a value with a byte outside ASCII matches
    no ASCII word)."""
    cdef const unsigned char *text
    cdef size_t i
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return False
    if attr.value.length != length:
        return False
    text = attr.value.data
    for i in range(length):
        if fold(text[i]) != <unsigned char>word[i]:
            return False
    return True


cdef inline bint holds_folded(mlx_str_t *value, const char *word, size_t length) noexcept:
    """Whether ``value`` holds ``word`` (lower-case ASCII, not empty) with its ASCII letters
    folded (``word in value.lower()`` for ASCII words, and selectors' ``[class*=word i]``).

    On the UTF-8 bytes: an ASCII byte is never part of another character's encoding (nor of
    what selectolax decodes bytes that are not UTF-8 to), so the bytes hold the word exactly
    when the decoded text does."""
    cdef const unsigned char *text
    cdef size_t i, j
    if value == NULL or value.data == NULL or value.length < length:
        return False
    text = value.data
    for i in range(value.length - length + 1):
        if fold(text[i]) != <unsigned char>word[0]:
            continue
        j = 1
        while j < length and fold(text[i + j]) == <unsigned char>word[j]:
            j += 1
        if j == length:
            return True
    return False
