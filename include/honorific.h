/* Splitting a Thai full name into honorific title, given name and family name. */
#ifndef KHAI_HONORIFIC_H
#define KHAI_HONORIFIC_H
#include <stdbool.h>

struct person_name {
    char *title;  /* NULL when none */
    char *given;  /* NULL only when the input held no name */
    char *family; /* NULL when none */
};

/* Splits a full name given as one string, titles glued to the name or not:
 * "นางสาวจิราพร คงทอง" -> (นางสาว, จิราพร, คงทอง); "ผู้ใหญ่โกเมศว์ ทองบุญชู" -> (ผู้ใหญ่, โกเมศว์,
 * ทองบุญชู); "อ.บวร" -> (อ., บวร, NULL); "ผศ.ดร.อเนก นาคะบุตร" -> (ผศ.ดร., อเนก, นาคะบุตร);
 * "Mr. John Smith" -> (Mr., John, Smith). The input is normalised first. Returns 0, or -1
 * when no given name is left (out is then all NULL). */
int name_split(const char *full, struct person_name *out);
void person_name_free(struct person_name *n);

/* True when s (normalised, whole) is a known title or a combination of titles. */
bool name_is_title(const char *s);

#endif
