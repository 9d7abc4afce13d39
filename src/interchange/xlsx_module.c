/* The one symbol the workbook module exports (it is built with hidden visibility). */
#include "xlsx_module.h"

__attribute__((visibility("default"))) extern const struct xlsx_module khai_xlsx_module;
const struct xlsx_module khai_xlsx_module = {
    .abi = XLSX_MODULE_ABI,
    .read = xlsx_module_read,
    .book_new = xlsx_module_book_new,
    .book_row = xlsx_module_book_row,
    .book_close = xlsx_module_book_close,
};
