/* What the partner API's files share. */
#ifndef MP_PARTNER_H
#define MP_PARTNER_H

#include "../fcgi/ctx.h"

/* Answers with the vendor's instance document (app info included); 404
 * when the instance is not this vendor's. */
int partner_instance_doc(ctx *c, const char *no);

/* Answers with the vendor's delivery document (requirement versions and
 * history included); 404 when the delivery is not this vendor's. */
int partner_delivery_doc(ctx *c, const char *no);

#endif
