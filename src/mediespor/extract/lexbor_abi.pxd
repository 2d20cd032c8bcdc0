# Declarations shared by mediespor's compiled walks: the Lexbor node layout and selectolax's
# node object (lexbor_abi.h says where they come from and how they are checked).
from libc.stdint cimport uintptr_t

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
        mlx_str_t *value
        mlx_attr_t *next

    ctypedef struct mlx_element_t:
        mlx_node_t node
        mlx_attr_t *first_attr
        mlx_attr_t *attr_class

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


cdef inline LexborNode wrap(mlx_node_t *node, object parser):
    """A selectolax node object for ``node``, as selectolax's own LexborNode.new makes one."""
    cdef LexborNode made = LexborNode.__new__(LexborNode)
    made.node = node
    made.parser = parser
    return made


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


cdef extern from "lexbor_abi.h":
    # A text node's data (Lexbor's character data: text nodes and comments).
    ctypedef struct mlx_character_data_t:
        mlx_node_t node
        mlx_str_t data


# Attribute names as selectolax's ``attributes`` keys them (c-meta: lexbor_attrs.pyx). The
# same C structs as above, declared again with the fields these reads need.
cdef extern from "lexbor_abi.h":
    ctypedef struct mlx_attr_named "mlx_attr_t":
        mlx_node_t node
        uintptr_t qualified_name
        mlx_str_t *value
        mlx_attr_named *next

    ctypedef struct mlx_element_attrs "mlx_element_t":
        mlx_node_t node
        mlx_attr_named *first_attr


# Lexbor's ids of the attribute names read by id (dom/interfaces/attr_const.h): names it knows
# in advance have fixed ids, any other name's id is its entry in the document's name table.
cdef enum:
    MLX_ATTR_CLASS = 0x000B
    MLX_ATTR_CONTENT = 0x0010
    MLX_ATTR_HREF = 0x001D
    MLX_ATTR_ID = 0x0021
    MLX_ATTR_REL = 0x0032
    MLX_ATTR_TYPE = 0x0043


cdef inline bint attr_is(
    mlx_attr_named *attr, uintptr_t known, const unsigned char *name, size_t length
) noexcept:
    """Whether ``attr``'s name is ``name``, as selectolax's ``attributes`` keys it: the
    qualified name where Lexbor keeps one (``xlink:href`` in SVG), else the local name.
    ``known`` is Lexbor's id for ``name`` when it knows the name in advance, else 0."""
    cdef uintptr_t id = attr.qualified_name
    cdef mlx_hash_entry_t *entry
    cdef const unsigned char *text
    cdef size_t i
    if id == 0:
        id = attr.node.local_name
    if id <= MLX_ATTR_LAST_ENTRY:
        return known != 0 and id == known
    entry = <mlx_hash_entry_t *>id
    if entry.length != length:
        return False
    if length <= MLX_HASH_SHORT_SIZE:
        text = <const unsigned char *>entry.u.short_str
    else:
        text = entry.u.long_str
    for i in range(length):
        if text[i] != name[i]:
            return False
    return True


cdef inline mlx_attr_named *find_attr(
    mlx_node_t *element, uintptr_t known, const unsigned char *name, size_t length
) noexcept:
    """The element's attribute named ``name`` (see ``attr_is``), or NULL."""
    cdef mlx_attr_named *attr = (<mlx_element_attrs *>element).first_attr
    while attr != NULL:
        if attr_is(attr, known, name, length):
            return attr
        attr = attr.next
    return NULL
