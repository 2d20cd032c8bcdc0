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
