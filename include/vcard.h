/* Reading vCards (2.1, 3.0, 4.0) from a buffer into cards, properties and contacts, and
 * writing contacts as vCard 3.0 or 4.0. Pure functions over memory, with no database, so the
 * reader can be fuzzed and unit-tested; import_vcard and export_vcard (export.h, import.h)
 * map contacts to and from member records. */
#ifndef KHAI_VCARD_H
#define KHAI_VCARD_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct vcard_param {
    char *name;  /* upper case; a vCard 2.1 bare parameter (;CELL) is TYPE, or ENCODING for
                    QUOTED-PRINTABLE, BASE64, 8BIT, 7BIT */
    char *value; /* unquoted, RFC 6868 escapes decoded; may hold a comma list */
};

struct vcard_prop {
    char *group; /* "item1" of item1.TEL, else NULL */
    char *name;  /* upper case */
    struct vcard_param *params;
    size_t nparams;
    char *value; /* unfolded, quoted-printable decoded, converted to UTF-8; TEXT escapes
                    are still in (see vcard_split); base64 values are left as they were */
    int line;    /* physical line where the property starts (1-based) */
};

struct vcard {
    char *version; /* "2.1", "3.0" or "4.0" ("3.0" when the card has no VERSION); NULL for
                      an entry that stands for text outside any card */
    struct vcard_prop *props;
    size_t nprops;
    int line;          /* line of BEGIN:VCARD */
    size_t begin, end; /* byte range of the card in vcard_file.text, END line included */
    char *error;       /* the first problem found, NULL for a good card */
    int error_line;
};

struct vcard_file {
    char *text; /* the input as read (UTF-16 converted to UTF-8) */
    size_t len;
    struct vcard *cards; /* also one entry for each run of text outside any card, as an error */
    size_t n;
};

/* Splits buf into vCards. Lines may end in CRLF, LF or CR; a UTF-8 or UTF-16 byte-order mark
 * is honoured. Folded lines are joined (3.0, 4.0: the CRLF and one space or tab removed;
 * 2.1: the CRLF only, as RFC 822 folds at white space), as are quoted-printable soft line
 * breaks (a line of a QUOTED-PRINTABLE value ending in '='). Values are decoded from their
 * ENCODING and converted to UTF-8 from their CHARSET, else from charset ("utf-8", "cp874",
 * "tis-620", "utf-16" or any iconv name); NULL or "auto" decides per card: UTF-8 when all
 * its values without CHARSET are valid UTF-8, else Thai Windows-874. Problems in a card are
 * kept in that card (the one on the earliest line). Returns 0, or -1 with *err when the
 * file as a whole cannot be read (unknown charset, bad UTF-16). */
int vcard_parse(const char *buf, size_t len, const char *charset, struct vcard_file *out,
                char **err);
void vcard_file_free(struct vcard_file *f);

/* Decodes quoted-printable =XX escapes (an '=' not followed by two hex digits is kept as it
 * is). Returns a malloc'd buffer, NUL-terminated, and its length in *outlen. */
char *vcard_qp_decode(const char *s, size_t len, size_t *outlen);

/* Decodes RFC 6868 parameter escapes: ^n as a newline, ^^ as ^, ^' as a double quote; any
 * other ^ is kept. malloc'd. */
char *vcard_param_unescape(const char *s);

/* Splits a value at the separators sep (';' for the components of N and ADR, ',' for lists)
 * not escaped by a backslash, and unescapes each part: \\ \; \, \n \N in 3.0 and 4.0; in
 * 2.1 (legacy) only \; and \\, since 2.1 values are not escaped otherwise. sep 0: no
 * splitting. Returns the count (at least 1) and *parts, a malloc'd array of malloc'd
 * strings (free with strings_free). */
size_t vcard_split(const char *value, char sep, bool legacy, char ***parts);

/* The value of the first parameter called name (upper case), or NULL. */
const char *vcard_param(const struct vcard_prop *p, const char *name);
/* True when a TYPE parameter of p lists type (case does not matter). */
bool vcard_has_type(const struct vcard_prop *p, const char *type);
/* The line of the first property called name in the card, else the card's BEGIN line. */
int vcard_prop_line(const struct vcard *c, const char *name);

/* Several values of one kind. */
struct vcard_list {
    char **items;
    size_t n;
};

/* What khai keeps of a contact, as text ("" when absent, never NULL). */
struct vcard_contact {
    char *title, *given, *family;            /* from N: honorific prefix, given and family name */
    char *full_name;                         /* FN */
    char *nickname, *gender;                 /* gender: female, male, other or "" */
    char *position;                          /* TITLE */
    char *line_id;                           /* X-LINE, or IMPP line: */
    char *facebook;                          /* X-SOCIALPROFILE;TYPE=facebook */
    char *subdistrict, *district, *province; /* ADR extended address, locality, region */
    char *street, *postcode;                 /* ADR street address and postal code */
    char *birthday;                          /* BDAY as an ISO date; "--MM-DD" without a year */
    char *uid;                               /* UID as written (urn:uuid:... or any text) */
    char *rev;                               /* REV, written only: "20261121T053000Z" */
    char *notes;
    struct vcard_list phones; /* TEL as written, "tel:" and URI parameters removed */
    struct vcard_list emails;
    struct vcard_list orgs; /* the name of each ORG (its units are left out) */
    struct vcard_list tags; /* CATEGORIES */
    /* Properties read but not kept, by name, each once per card (PHOTO, X-ABUID, an IMPP of
     * another service, ...): the import counts them. */
    struct vcard_list dropped;
};

void vcard_contact_init(struct vcard_contact *c);
void vcard_contact_free(struct vcard_contact *c);
void vcard_list_add(struct vcard_list *l, const char *s);

/* Reads the properties khai keeps from a good card (one with no error); base64 values are
 * skipped. Returns 0, or -1 with *err (malloc'd) and *line when the card cannot be a
 * contact (no name at all). */
int vcard_contact_read(const struct vcard *card, struct vcard_contact *c, char **err, int *line);

enum vcard_version { VCARD_30, VCARD_40 };

/* Appends the contact as one vCard: CRLF line ends, lines folded at 75 octets. Phones are
 * written grouped as khai shows them (081-234-5678) in 3.0 and as tel: URIs in E.164 form
 * (tel:+66812345678) in 4.0; a mobile is TYPE=CELL. */
void vcard_write(struct strbuf *out, const struct vcard_contact *c, enum vcard_version v);

#endif
