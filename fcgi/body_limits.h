/* Request body limits in one place: the routes take them from here, and
 * tools/stack.sh reads the plain numbers below into nginx's template, so
 * nginx's client_max_body_size and the pool always agree. Keep each
 * #define a plain decimal number: stack.sh reads it with sed. */
#ifndef MP_BODY_LIMITS_H
#define MP_BODY_LIMITS_H

/* url-encoded forms and partner XML: config max_body's default */
#define MP_FORM_BODY_MAX 65536
#define MP_XML_BODY_MAX 65536

/* multipart forms with attachments (a delivery's requirement): at most
 * MP_UPLOAD_FILES files of MP_UPLOAD_FILE_MAX bytes each and
 * MP_UPLOAD_TOTAL_MAX bytes together; the body may be 1 MiB more than the
 * files for the text fields and the parts' headers and boundaries */
#define MP_UPLOAD_FILES 5
#define MP_UPLOAD_FILE_MAX 10485760
#define MP_UPLOAD_TOTAL_MAX 20971520
#define MP_UPLOAD_BODY_MAX 22020096

/* a vendor's progress note or submission with files, as XML: the same
 * files in base64 (4 bytes for 3) and room for the note */
#define MP_PARTNER_UPLOAD_BODY_MAX 29360128

_Static_assert(MP_PARTNER_UPLOAD_BODY_MAX >= (MP_UPLOAD_TOTAL_MAX + 2) / 3 * 4 + 65536, "base64 of every file");
_Static_assert(MP_UPLOAD_FILE_MAX == 10L * 1024 * 1024, "10 MiB a file");
_Static_assert(MP_UPLOAD_TOTAL_MAX == 20L * 1024 * 1024, "20 MiB of files");
_Static_assert(MP_UPLOAD_BODY_MAX == MP_UPLOAD_TOTAL_MAX + 1024L * 1024, "room for fields and part headers");

#endif
