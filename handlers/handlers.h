/* Every handler the route table names, one file per flow, and the few
 * helpers one flow lends another. */
#ifndef MP_HANDLERS_H
#define MP_HANDLERS_H

#include <stddef.h>

#include "../fcgi/ctx.h"
#include "../fcgi/scheduler.h"

extern const route mp_routes[];
extern const size_t mp_nroutes;
extern const sweep mp_sweeps[];
extern const size_t mp_nsweeps;

/* catalog.c */
int h_home(ctx *c);
int h_category(ctx *c);
int h_product(ctx *c);
int h_search(ctx *c);
/* The product page's model (also shown again when a buy form named a
 * combination that is not sold): 200, 404, or 410 for one taken off sale. */
int catalog_product_model(ctx *c, long long id);
/* <support email phone/>: whom a buyer contacts about a product (the
 * product's own contact, else its vendor's). */
void catalog_add_support(xmlNodePtr parent, const char *email, const char *phone);

/* feed.c */
int h_catalog_feed(ctx *c);

/* accounts.c */
int h_register_form(ctx *c);
int h_register(ctx *c);
int h_login_form(ctx *c);
int h_login(ctx *c);
int h_logout(ctx *c);
int h_account(ctx *c);
int h_topup(ctx *c);
int h_profile(ctx *c);
int h_password(ctx *c);
int h_signout_everywhere(ctx *c);

/* orders.c */
int h_buy(ctx *c);
int h_order_submit(ctx *c);
int h_orders(ctx *c);
int h_order(ctx *c);
int h_order_cancel_form(ctx *c);
int h_order_cancel(ctx *c);
int h_deliveries(ctx *c);
int h_delivery(ctx *c);
int h_requirement_form(ctx *c);
int h_requirement_submit(ctx *c);
int h_delivery_accept(ctx *c);
int h_delivery_reject(ctx *c);
int h_delivery_attachment(ctx *c);
int h_partner_delivery_attachment(ctx *c);
int h_partner_deliveries(ctx *c);
int h_partner_delivery(ctx *c);
int h_partner_delivery_confirm(ctx *c);
int h_partner_delivery_progress(ctx *c);
int h_partner_delivery_submit(ctx *c);
/* The buyer's order named by the path's {no}, with these columns; 0, or
 * 404 for someone else's or a missing one. */
enum {
    OM_ID,
    OM_NO,
    OM_STATUS,
    OM_TOTAL,
    OM_KIND,
    OM_PRODUCT_ZH,
    OM_PRODUCT_EN,
    OM_SPEC_ZH,
    OM_SPEC_EN,
    OM_MONTHS,
    OM_PAY_BY,
    OM_VENDOR,
    OM_OVERDUE,
    OM__MAX
};
int order_load_mine(ctx *c, db_result *o);
/* <order no status kind months pay-by><product/><spec/><total/></order>
 * from order_load_mine's row. */
void order_add_summary(ctx *c, xmlNodePtr parent, const db_result *o);
/* Places a new or renewal order priced from the catalog and redirects to
 * its payment page (the form's "idem" field makes a resubmission a no-op). */
int order_place(ctx *c, const char *kind, long long instance_id, long long product, long long spec, long long period);

/* payments.c */
int h_pay_form(ctx *c);
int h_pay(ctx *c);
int h_payment_result(ctx *c);
int h_gateway_return(ctx *c);
int h_gateway_notify(ctx *c);
/* Whether the payment gateway is on; when it is, the page's CSP lets its
 * forms go to the gateway's site. */
bool pay_gateway_offer(ctx *c);
/* A pending gateway payment (purpose "order" or "topup") and the address
 * of the provider's checkout page for it, showing subject. */
db_status pay_start_gateway(ctx *c, const char *purpose, long long order_id, long long cents, const char *subject,
                            const char **url);

/* sandbox.c */
int h_sandbox_page(ctx *c);
int h_sandbox_submit(ctx *c);
int sandbox_deliver_notifications(db *d, arena *a, const config *cfg, const crypto_keys *keys);

/* purge.c: a sweep deleting partner nonces older than the clock window
 * (in batches); returns the rows deleted, or -1. */
int purge_partner_nonces(db *d, arena *a, const config *cfg, const crypto_keys *keys);

/* instances.c */
int h_services(ctx *c);
int h_service(ctx *c);
int h_free_login(ctx *c);
int h_renew_form(ctx *c);
int h_renew(ctx *c);

/* partner_feeds.c (signed XML) */
int h_partner_events(ctx *c);
int h_partner_orders(ctx *c);
int h_partner_order(ctx *c);
int h_partner_instances(ctx *c);
int h_partner_instance(ctx *c);

/* partner_instances.c */
int h_partner_app_info(ctx *c);
int h_partner_free_login(ctx *c);

/* admin.c: the console's dashboard and audit log */
int h_admin_dashboard(ctx *c);
int h_admin_audit(ctx *c);

/* admin: vendors and their keys (admin_vendors.c; the writes are
 * vendor_admin.c's, shared with mp-admin) */
int h_admin_vendors(ctx *c);
int h_admin_vendor_new(ctx *c);
int h_admin_vendor_create(ctx *c);
int h_admin_vendor(ctx *c);
int h_admin_vendor_update(ctx *c);
int h_admin_vendor_suspend(ctx *c);
int h_admin_vendor_reinstate(ctx *c);
int h_admin_key_issue(ctx *c);
int h_admin_key_rotate(ctx *c);
int h_admin_key_revoke(ctx *c);

/* admin: catalog */
/* admin_catalog.c: categories, products, specs and prices */
int h_admin_catalog(ctx *c);
int h_admin_category_create(ctx *c);
int h_admin_category_rename(ctx *c);
int h_admin_category_move(ctx *c);
int h_admin_product_new(ctx *c);
int h_admin_product_create(ctx *c);
int h_admin_product(ctx *c);
int h_admin_product_update(ctx *c);
int h_admin_product_list(ctx *c);
int h_admin_product_delist(ctx *c);
int h_admin_spec_add(ctx *c);
int h_admin_spec_update(ctx *c);
int h_admin_spec_price(ctx *c);

/* admin: buyers and orders */
/* admin_buyers.c */
int h_admin_buyers(ctx *c);
int h_admin_buyer(ctx *c);
int h_admin_buyer_balance(ctx *c);
int h_admin_buyer_unlock(ctx *c);
/* admin_orders.c */
int h_admin_orders(ctx *c);
int h_admin_order(ctx *c);
int h_admin_refund_form(ctx *c);
int h_admin_refund(ctx *c);
/* refunds.c: the buyer's own refund (申请退款) */
int h_refund_form(ctx *c);
int h_refund(ctx *c);
/* The order page's refunds: <refunded-amount> when some was refunded, the
 * refunds made, and for a paid order <refund-offer>: whether the buyer may
 * refund it themselves (allowed, or why not), until when, and whom to ask
 * otherwise (its delivery for an appeal, the product's support). */
db_status refund_order_add(ctx *c, xmlNodePtr order, long long order_id, const char *status, long long refunded);
/* A form's text without the spaces around it ("" for NULL), in c's arena. */
const char *form_trim(arena *a, const char *s);

/* admin: deliveries and appeals */
/* admin_deliveries.c */
int h_admin_deliveries(ctx *c);
int h_admin_delivery(ctx *c);
int h_admin_delivery_attachment(ctx *c);
int h_admin_delivery_note(ctx *c);
int h_admin_delivery_decide(ctx *c);
/* appeals.c: the buyer's appeal (申诉) */
int h_appeal_form(ctx *c);
int h_appeal_submit(ctx *c);

#endif
