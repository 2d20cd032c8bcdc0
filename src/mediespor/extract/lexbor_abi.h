/* The parts of Lexbor's DOM, and of selectolax's node object, that mediespor's compiled walks
 * read (lexbor_walk, lexbor_attrs, text_walk, box_walk; lexbor_abi.pxd declares them to Cython
 * with the small reads the walks share, and no walk declares a layout of its own). selectolax
 * links Lexbor statically and ships none of its headers, so the few layouts needed are
 * written out here, as selectolax 1.0.2 builds them (Lexbor's dom/interfaces/node.h,
 * element.h, attr.h, character_data.h and core/str.h, Apache-2.0; selectolax's generated
 * lexbor.c). The walks call no Lexbor function: they only follow pointers and read fields.
 *
 * pyproject.toml pins selectolax to that version, and every walk checks the layouts it reads
 * against selectolax itself when it is loaded (mediespor.extract.compiled_walks.load); on any
 * mismatch mediespor uses that walk's Python. */
#ifndef MEDIESPOR_LEXBOR_ABI_H
#define MEDIESPOR_LEXBOR_ABI_H

#include <Python.h>
#include <stdint.h>

typedef struct mlx_node mlx_node_t;

/* lxb_dom_node_t */
struct mlx_node {
    void *events;            /* lxb_dom_event_target_t */
    uintptr_t local_name;    /* the tag id: what node.tag_id returns */
    uintptr_t prefix;
    uintptr_t ns;
    void *owner_document;
    mlx_node_t *next;
    mlx_node_t *prev;
    mlx_node_t *parent;
    mlx_node_t *first_child;
    mlx_node_t *last_child;
    void *user;
    int type;                /* lxb_dom_node_type_t */
};

#define MLX_NODE_TYPE_ELEMENT 0x01
#define MLX_NODE_TYPE_TEXT 0x03

/* lexbor_str_t */
typedef struct {
    unsigned char *data;
    size_t length;
} mlx_str_t;

typedef struct mlx_attr mlx_attr_t;

/* lxb_dom_element_t, up to the fields read here. */
typedef struct {
    mlx_node_t node;
    uintptr_t upper_name;
    uintptr_t qualified_name;
    mlx_str_t *is_value;
    mlx_attr_t *first_attr;
    mlx_attr_t *last_attr;
    mlx_attr_t *attr_id;
    mlx_attr_t *attr_class;
} mlx_element_t;

/* lxb_dom_attr_t: its node.local_name is the attribute's name id. */
struct mlx_attr {
    mlx_node_t node;
    uintptr_t upper_name;
    uintptr_t qualified_name;
    mlx_str_t *value;        /* NULL for an attribute without a value */
    void *owner;
    mlx_attr_t *next;
    mlx_attr_t *prev;
};

/* Names Lexbor knows in advance ("class", "id", "style") have ids below this; any other
 * name's id is the address of its entry in the document's name table, a lexbor_hash_entry_t
 * (lxb_dom_attr_data_t starts with one). */
#define MLX_ATTR_LAST_ENTRY 0x0049
#define MLX_HASH_SHORT_SIZE 16

typedef struct {
    union {
        unsigned char *long_str;
        unsigned char short_str[MLX_HASH_SHORT_SIZE + 1];
    } u;
    size_t length;
    void *next;
} mlx_hash_entry_t;

/* selectolax.lexbor.LexborNode's instance struct (a final cdef class with a vtable). */
typedef struct {
    PyObject_HEAD
    void *vtab;
    mlx_node_t *node;
    PyObject *parser;
    int is_fragment_root;
    int is_template_content;
} mlx_node_object;

/* lxb_dom_character_data_t (dom/interfaces/character_data.h): a text node (lxb_dom_text_t
 * starts with one) or a comment, and its data as Lexbor keeps it (UTF-8, maybe invalid). */
typedef struct {
    mlx_node_t node;
    mlx_str_t data;
} mlx_character_data_t;

#endif
