/* The route table: the whole site on one screen. */
#include <stdlib.h>
#include <string.h>

#include "../fcgi/body_limits.h"
#include "admin.h"
#include "appeals.h"
#include "delivery.h"
#include "handlers.h"
#include "refund.h"

/* a route lists the fields it sets; the rest (its body kind and limit,
 * see route in fcgi/router.h) take their defaults */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* A listing cursor: "<id>" or "<cents>.<id>", digits only. */
static bool cursor_ok(const char *v)
{
    int dots = 0;
    for (const char *p = v; *p; p++) {
        if (*p == '.')
            dots++;
        else if (*p < '0' || *p > '9')
            return false;
    }
    return dots <= 1 && v[0] != '.' && v[0] && v[strlen(v) - 1] != '.';
}

/* An admin's date filter: "YYYY-MM-DD", a year from 2000 to 2999, a day
 * of 1 to 31 (admin_day_utc carries a 31st over into the next month). */
static bool date_ok(const char *v)
{
    /* digits only: sscanf's %d would also take " 1" and "+1" */
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
            return false;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    return y >= 2000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool hex32_ok(const char *v)
{
    return strlen(v) == 32 && strspn(v, "0123456789abcdef") == 32;
}

static const char *const sorts[] = {"newest", "price_asc", "price_desc", NULL};
static const char *const order_statuses[] = {"unpaid", "paid", "cancelled", "refunded", NULL};
static const char *const instance_statuses[] = {"provisioning", "active", "expired", NULL};
static const char *const modes[] = {"auto", "manual", NULL};
static const char *const pay_methods[] = {"balance", "sandbox", NULL};
static const char *const delivery_statuses[] = {
    "awaiting_requirement", "pending_confirmation", "in_service", "pending_acceptance", "completed", "closed", NULL,
};

/* the declared inputs: a table, several fields to a line (clang-format 14
 * would put one to a line, and takes the braced-initializer macros for
 * function bodies) */
/* clang-format off */
/* a page's cursors: "<cents>.<id>" or "<id>" (category listings),
 * "<score>.<id>" (search), an id (every other list) */
#define CURSOR(len) {.name = "after", .kind = IN_TEXT, .where = IN_QUERY, .min = 1, .max = len, .check = cursor_ok}, \
    {.name = "before", .kind = IN_TEXT, .where = IN_QUERY, .min = 1, .max = len, .check = cursor_ok}
#define ID_CURSOR IN_INT_Q("after", 0, 1LL << 62), IN_INT_Q("before", 0, 1LL << 62)
#define ID_FIELD(n) {.name = n, .kind = IN_INT, .where = IN_QUERY | IN_FORM, .required = true, .min = 1, .max = 4294967295LL}
#define NEXT {.name = "next", .kind = IN_TEXT, .where = IN_QUERY | IN_FORM, .min = 0, .max = 500}
/* a period: months (1 to 36), or 0 for once (一次性); the catalog says which
 * a spec offers */
#define PERIOD_FIELD {.name = "period", .kind = IN_INT, .where = IN_QUERY | IN_FORM, .required = true, .min = 0, .max = 36}
#define IDEM {.name = "idem", .kind = IN_TEXT, .where = IN_FORM, .required = true, .min = 32, .max = 32, .check = hex32_ok}

static const in_field in_category[] = {IN_ENUM_Q("sort", sorts), CURSOR(40), IN_END};
static const in_field in_search[] = {IN_TEXT_Q("q", 0, 100), CURSOR(40), IN_END};
static const in_field in_next[] = {NEXT, IN_END};
static const in_field in_register[] = {
    IN_TEXT_F("email", 0, 254), IN_TEXT_F("name", 0, 50), IN_TEXT_F("password", 0, 200),
    IN_TEXT_F("password2", 0, 200), NEXT, IN_END,
};
static const in_field in_login[] = {IN_TEXT_F("email", 0, 254), IN_TEXT_F("password", 0, 200), NEXT, IN_END};
static const in_field in_account[] = {ID_CURSOR, IN_END};
static const in_field in_profile[] = {IN_TEXT_F("name", 0, 50), IN_END};
static const in_field in_password[] = {
    IN_TEXT_F("current", 0, 200), IN_TEXT_F("password", 0, 200), IN_TEXT_F("password2", 0, 200), IN_END,
};
static const in_field in_product[] = {IN_INT_Q("spec", 1, 4294967295LL), IN_INT_Q("period", 0, 36), IN_END};
static const in_field in_topup[] = {IN_TEXT_F("amount", 1, 12), IN_END};
static const in_field in_buy[] = {ID_FIELD("product"), ID_FIELD("spec"), PERIOD_FIELD, IN_END};
static const in_field in_submit[] = {ID_FIELD("product"), ID_FIELD("spec"), PERIOD_FIELD, IDEM, IN_END};
static const in_field in_orders[] = {IN_ENUM_Q("status", order_statuses), ID_CURSOR, IN_END};
static const in_field in_pay[] = {
    {.name = "method", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = pay_methods}, IN_END,
};
static const in_field in_services[] = {
    IN_ENUM_Q("status", instance_statuses), IN_ENUM_Q("mode", modes), ID_CURSOR, IN_END,
};
/* a partner page: 1 to 200 rows (FEED_LIMIT_MAX in partner_feeds.c); more is
 * refused, not quietly capped */
#define FEED_PAGE IN_INT_Q("after", 0, 1LL << 62), IN_INT_Q("limit", 1, 200)
static const in_field in_feed[] = {FEED_PAGE, IN_END};
static const in_field in_partner_instances[] = {FEED_PAGE, IN_ENUM_Q("status", instance_statuses), IN_END};
static const in_field in_renew[] = {ID_FIELD("period"), IDEM, IN_END};
static const in_field in_deliveries[] = {IN_ENUM_Q("status", delivery_statuses), ID_CURSOR, IN_END};
/* blank fields are told apart from missing ones by the handler (a form error) */
static const in_field in_requirement[] = {
    IN_TEXT_F("title", 0, 100), IN_TEXT_F("description", 0, 5000), IN_TEXT_F("contact", 0, 100),
    IN_FILE_F("attachments", 0, MP_UPLOAD_FILES, MP_UPLOAD_FILE_MAX, MP_UPLOAD_TOTAL_MAX, in_attachment_types),
    IN_END,
};
static const in_field in_reject[] = {IN_TEXT_F("reason", 0, DELIVERY_NOTE_MAX), IN_END};
static const in_field in_appeal[] = {IN_TEXT_F("reason", 0, APPEAL_REASON_MAX), IN_END};
/* the admin's deliveries: filters ("appealed=1": open appeals only), a note, an appeal's decision */
static const char *const appealed_only[] = {"1", NULL};
static const char *const appeal_decisions[] = {"continue", "complete", "refund", NULL};
static const in_field in_admin_deliveries[] = {
    IN_TEXT_Q("no", 0, 14), IN_ENUM_Q("status", delivery_statuses), IN_TEXT_Q("vendor", 0, 64),
    IN_TEXT_Q("buyer", 0, 254), IN_ENUM_Q("appealed", appealed_only), ID_CURSOR, IN_END,
};
static const in_field in_admin_delivery_note[] = {IN_TEXT_F("note", 0, DELIVERY_NOTE_MAX), IN_END};
static const in_field in_admin_delivery_decide[] = {
    {.name = "decision", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = appeal_decisions},
    IN_TEXT_F("note", 0, DELIVERY_NOTE_MAX), IDEM, IN_END,
};
static const in_field in_partner_deliveries[] = {FEED_PAGE, IN_ENUM_Q("status", delivery_statuses), IN_END};
/* the buyer's own refund: why (blank is told apart by the handler), and the form's token */
static const in_field in_refund[] = {IN_TEXT_F("reason", 0, REFUND_REASON_MAX), IDEM, IN_END};

/* admin lists: optional filters (empty is none) and an id cursor */
#define ADMIN_DATE(n) {.name = n, .kind = IN_TEXT, .where = IN_QUERY, .min = 0, .max = 10, .check = date_ok}
static const in_field in_admin_audit[] = {
    IN_TEXT_Q("admin", 0, 64), IN_TEXT_Q("action", 0, 60), IN_TEXT_Q("target", 0, 30), IN_TEXT_Q("ref", 0, 64),
    ADMIN_DATE("from"), ADMIN_DATE("to"), ID_CURSOR, IN_END,
};
static const char *const admin_order_statuses[] = {"unpaid", "paid", "cancelled", "refunded", "partly_refunded", NULL};
static const char *const balance_ops[] = {"credit", "debit", NULL};
static const in_field in_admin_buyers[] = {IN_TEXT_Q("q", 0, 254), ID_CURSOR, IN_END};
/* amounts are yuan text ("12.50"), checked by the handler, which shows the
 * form again for a bad one */
static const in_field in_admin_balance[] = {
    {.name = "op", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = balance_ops},
    IN_TEXT_F("amount", 0, 12), IN_TEXT_F("reason", 0, REFUND_REASON_MAX), IDEM, IN_END,
};
static const in_field in_admin_unlock[] = {
    {.name = "reason", .kind = IN_TEXT, .where = IN_FORM, .min = 0, .max = REFUND_REASON_MAX}, IN_END,
};
static const in_field in_admin_orders[] = {
    IN_TEXT_Q("no", 0, 24), IN_TEXT_Q("buyer", 0, 254), IN_TEXT_Q("vendor", 0, 64),
    IN_ENUM_Q("status", admin_order_statuses), ADMIN_DATE("from"), ADMIN_DATE("to"), ID_CURSOR, IN_END,
};
static const in_field in_admin_refund[] = {
    IN_TEXT_F("amount", 0, 12), IN_TEXT_F("reason", 0, REFUND_REASON_MAX), IDEM, IN_END,
};

/* admin: vendors (texts are checked by the handler, which shows the form
 * again with every field's error) */
static const char *const vendor_statuses[] = {"active", "suspended", NULL};
static const in_field in_admin_vendors[] = {
    IN_TEXT_Q("q", 0, 100), IN_ENUM_Q("status", vendor_statuses), ID_CURSOR, IN_END,
};
static const in_field in_admin_vendor[] = {ID_CURSOR, IN_END};
#define ADMIN_VENDOR_TEXTS                                                                                     \
    IN_TEXT_F("name_zh", 0, 200), IN_TEXT_F("name_en", 0, 200), IN_TEXT_F("website", 0, 500),                   \
        IN_TEXT_F("support_email", 0, 254)
static const in_field in_admin_vendor_new[] = {IN_TEXT_F("slug", 0, 100), ADMIN_VENDOR_TEXTS, IN_END};
static const in_field in_admin_vendor_edit[] = {ADMIN_VENDOR_TEXTS, IN_END};
static const in_field in_admin_vendor_reason[] = {IN_TEXT_F("reason", 0, 500), IN_END};
static const in_field in_admin_vendor_key[] = {
    {.name = "reason", .kind = IN_TEXT, .where = IN_FORM, .min = 0, .max = 500}, IN_END,
};
/* admin: catalog. Text fields take generous lengths here; the handler
 * holds each to its column and says which one is too long. */
static const char *const catalog_listed[] = {"yes", "no", NULL};
static const char *const catalog_dirs[] = {"up", "down", NULL};
static const char *const catalog_on_off[] = {"on", "off", NULL};
static const char *const catalog_spec_ops[] = {"edit", "activate", "deactivate", NULL};
static const char *const catalog_price_ops[] = {"set", "remove", NULL};
#define CATALOG_TEXT(n, hi) {.name = n, .kind = IN_TEXT, .where = IN_FORM, .min = 0, .max = hi}
#define CATALOG_NAMES IN_TEXT_F("name_zh", 0, 1000), IN_TEXT_F("name_en", 0, 1000)
static const in_field in_admin_catalog[] = {
    IN_TEXT_Q("q", 0, 100), IN_INT_Q("category", 1, 4294967295LL), IN_TEXT_Q("vendor", 0, 64),
    IN_ENUM_Q("listed", catalog_listed), IN_ENUM_Q("mode", modes), ID_CURSOR, IN_END,
};
static const in_field in_admin_category[] = {IN_TEXT_F("slug", 0, 200), CATALOG_NAMES, IN_END};
static const in_field in_admin_category_rename[] = {CATALOG_NAMES, IN_END};
static const in_field in_admin_category_move[] = {
    {.name = "dir", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = catalog_dirs}, IN_END,
};
static const in_field in_admin_product_new[] = {IN_TEXT_Q("vendor", 0, 64), IN_END};
#define CATALOG_PRODUCT_FIELDS                                                                            \
    {.name = "category", .kind = IN_INT, .where = IN_FORM, .min = 0, .max = 4294967295LL},                \
        CATALOG_NAMES, CATALOG_TEXT("summary_zh", 2000), CATALOG_TEXT("summary_en", 2000),                \
        CATALOG_TEXT("description_zh", 20000), CATALOG_TEXT("description_en", 20000),                     \
        {.name = "delivery_mode", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = modes}, \
        {.name = "free_login", .kind = IN_ENUM, .where = IN_FORM, .choices = catalog_on_off},             \
        CATALOG_TEXT("support_email", 1000), CATALOG_TEXT("support_phone", 200)
static const in_field in_admin_product_create[] = {IN_TEXT_F("vendor", 0, 200), CATALOG_PRODUCT_FIELDS, IN_END};
static const in_field in_admin_product_update[] = {CATALOG_PRODUCT_FIELDS, IN_END};
static const in_field in_admin_listing[] = {CATALOG_TEXT("reason", 2000), IN_END};
#define CATALOG_SPEC_FIELDS CATALOG_TEXT("features_zh", 2000), CATALOG_TEXT("features_en", 2000)
static const in_field in_admin_spec_add[] = {CATALOG_NAMES, CATALOG_SPEC_FIELDS, IN_END};
static const in_field in_admin_spec[] = {
    {.name = "op", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = catalog_spec_ops},
    CATALOG_TEXT("name_zh", 1000), CATALOG_TEXT("name_en", 1000), CATALOG_SPEC_FIELDS, IN_END,
};
/* a period the handler checks against those sold (0 is once, 一次性) */
static const in_field in_admin_price[] = {
    {.name = "op", .kind = IN_ENUM, .where = IN_FORM, .required = true, .choices = catalog_price_ops},
    IN_INT_F("period", 0, 36), CATALOG_TEXT("amount", 32), IN_END,
};
/* clang-format on */

#define PARTNER (ROUTE_PARTNER | ROUTE_XML)
#define VENDOR_SLUG "(?<slug>[a-z0-9-]{1,64})"
#define PARTNER_KEY_ID "(?<key>[A-Za-z0-9_-]{1,40})"
#define ORDER_NO "(?<no>[0-9]{18})"
#define INSTANCE_NO "(?<no>ins-[a-z0-9]{10})"
#define PAYMENT_NO "(?<no>[0-9]{18})"
#define DELIVERY_NO "(?<no>dlv-[a-z0-9]{10})"
#define ATTACHMENT_ID "(?<id>[1-9][0-9]{0,17})"
/* a catalog row's id in an admin address */
#define CATALOG_ID "(?<id>[1-9][0-9]{0,9})"
#define BUYER_ID "(?<id>[1-9][0-9]{0,17})"

const route mp_routes[] = {
    /* catalog: for guests the same page for everyone (ROUTE_SHARED: no
     * token, validated by the catalog version, kept by nginx's cache) */
    {"GET", "/", h_home, "home", ROUTE_SHARED, NULL},
    {"GET", "/categories/(?<slug>[a-z0-9-]{1,64})", h_category, "category", ROUTE_SHARED, in_category},
    {"GET", "/products/(?<id>[1-9][0-9]{0,9})", h_product, "product", ROUTE_SHARED, in_product},
    {"GET", "/search", h_search, "search", ROUTE_SHARED, in_search},
    {"GET", "/feeds/catalog\\.xml", h_catalog_feed, NULL, ROUTE_XML, NULL},

    /* accounts (ROUTE_GUEST_FORM: the pages whose forms guests send carry
     * their token) */
    {"GET", "/register", h_register_form, "register", ROUTE_GUEST_FORM, in_next},
    {"POST", "/register", h_register, "register", ROUTE_CSRF | ROUTE_GUEST_FORM, in_register},
    {"GET", "/login", h_login_form, "login", ROUTE_GUEST_FORM, in_next},
    {"POST", "/login", h_login, "login", ROUTE_CSRF | ROUTE_GUEST_FORM, in_login},
    {"POST", "/logout", h_logout, NULL, ROUTE_CSRF, NULL},
    {"GET", "/account", h_account, "account", ROUTE_BUYER, in_account},
    {"POST", "/account/profile", h_profile, "account", ROUTE_BUYER | ROUTE_CSRF, in_profile},
    {"POST", "/account/password", h_password, "account", ROUTE_BUYER | ROUTE_CSRF, in_password},
    {"POST", "/account/sessions/end", h_signout_everywhere, NULL, ROUTE_BUYER | ROUTE_CSRF, NULL},
    {"POST", "/account/topup", h_topup, "account", ROUTE_BUYER | ROUTE_CSRF | ROUTE_SANDBOX, in_topup},

    /* buying: confirm (核对订单信息), submit (提交订单), my orders (我的订单) */
    {"GET", "/buy", h_buy, "confirm", ROUTE_BUYER, in_buy},
    {"POST", "/buy", h_buy, "confirm", ROUTE_BUYER, in_buy},
    {"POST", "/orders", h_order_submit, "confirm", ROUTE_BUYER | ROUTE_CSRF, in_submit},
    {"GET", "/orders", h_orders, "orders", ROUTE_BUYER, in_orders},
    {"GET", "/orders/" ORDER_NO, h_order, "order", ROUTE_BUYER, NULL},
    {"GET", "/orders/" ORDER_NO "/pay", h_pay_form, "pay", ROUTE_BUYER, NULL},
    {"POST", "/orders/" ORDER_NO "/pay", h_pay, "pay", ROUTE_BUYER | ROUTE_CSRF, in_pay},
    {"GET", "/orders/" ORDER_NO "/cancel", h_order_cancel_form, "cancel", ROUTE_BUYER, NULL},
    {"POST", "/orders/" ORDER_NO "/cancel", h_order_cancel, NULL, ROUTE_BUYER | ROUTE_CSRF, NULL},
    {"GET", "/orders/" ORDER_NO "/refund", h_refund_form, "refund", ROUTE_BUYER, NULL},
    {"POST", "/orders/" ORDER_NO "/refund", h_refund, "refund", ROUTE_BUYER | ROUTE_CSRF, in_refund},

    /* payments: result (确认支付结果), and what the gateway sends back */
    {"GET", "/payments/return/sandbox", h_gateway_return, NULL, ROUTE_SANDBOX, NULL},
    {"POST", "/payments/notify/sandbox", h_gateway_notify, NULL, ROUTE_SANDBOX, NULL},
    {"GET", "/payments/" PAYMENT_NO, h_payment_result, "payment", ROUTE_BUYER, NULL},

    /* the built-in sandbox gateway's own pages (a test tool: payment_sandbox = on) */
    {"GET", "/sandbox/pay", h_sandbox_page, "sandbox", ROUTE_SANDBOX | ROUTE_GUEST_FORM, NULL},
    {"POST", "/sandbox/pay", h_sandbox_submit, "sandbox", ROUTE_SANDBOX | ROUTE_CSRF | ROUTE_GUEST_FORM, NULL},

    /* purchased products & services (已购产品与服务) */
    {"GET", "/services", h_services, "services", ROUTE_BUYER, in_services},
    {"GET", "/services/" INSTANCE_NO, h_service, "service", ROUTE_BUYER, NULL},
    {"POST", "/services/" INSTANCE_NO "/free-login", h_free_login, NULL, ROUTE_BUYER | ROUTE_CSRF, NULL},
    {"GET", "/services/" INSTANCE_NO "/renew", h_renew_form, "renew", ROUTE_BUYER, NULL},
    {"POST", "/services/" INSTANCE_NO "/renew", h_renew, "renew", ROUTE_BUYER | ROUTE_CSRF, in_renew},

    /* the delivery center (交付中心): requirement, acceptance */
    {"GET", "/deliveries", h_deliveries, "deliveries", ROUTE_BUYER, in_deliveries},
    {"GET", "/deliveries/" DELIVERY_NO, h_delivery, "delivery", ROUTE_BUYER, NULL},
    {"GET", "/deliveries/" DELIVERY_NO "/requirement", h_requirement_form, "requirement", ROUTE_BUYER, NULL},
    {"POST", "/deliveries/" DELIVERY_NO "/requirement", h_requirement_submit, "requirement", ROUTE_BUYER | ROUTE_CSRF,
     in_requirement, BODY_MULTIPART, MP_UPLOAD_BODY_MAX},
    {"GET", "/deliveries/" DELIVERY_NO "/attachments/" ATTACHMENT_ID, h_delivery_attachment, NULL, ROUTE_BUYER, NULL},
    {"POST", "/deliveries/" DELIVERY_NO "/accept", h_delivery_accept, "delivery", ROUTE_BUYER | ROUTE_CSRF, NULL},
    {"POST", "/deliveries/" DELIVERY_NO "/reject", h_delivery_reject, "delivery", ROUTE_BUYER | ROUTE_CSRF, in_reject},
    /* 申诉: an appeal to the platform, which freezes the delivery until an admin decides */
    {"GET", "/deliveries/" DELIVERY_NO "/appeal", h_appeal_form, "appeal", ROUTE_BUYER, NULL},
    {"POST", "/deliveries/" DELIVERY_NO "/appeal", h_appeal_submit, "appeal", ROUTE_BUYER | ROUTE_CSRF, in_appeal},

    /* admins: only through nginx's guarded /admin/ location (ROUTE_ADMIN) */
    {"GET", "/admin/", h_admin_dashboard, "admin-dashboard", ROUTE_ADMIN, NULL},
    {"GET", "/admin/audit", h_admin_audit, "admin-audit", ROUTE_ADMIN, in_admin_audit},

    /* admin: vendors and their keys ("new" is the form, never a slug) */
    {"GET", "/admin/vendors", h_admin_vendors, "admin-vendors", ROUTE_ADMIN, in_admin_vendors},
    {"POST", "/admin/vendors", h_admin_vendor_create, "admin-vendor-form", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_vendor_new},
    {"GET", "/admin/vendors/new", h_admin_vendor_new, "admin-vendor-form", ROUTE_ADMIN, NULL},
    {"GET", "/admin/vendors/" VENDOR_SLUG, h_admin_vendor, "admin-vendor", ROUTE_ADMIN, in_admin_vendor},
    {"POST", "/admin/vendors/" VENDOR_SLUG, h_admin_vendor_update, "admin-vendor", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_vendor_edit},
    {"POST", "/admin/vendors/" VENDOR_SLUG "/suspend", h_admin_vendor_suspend, "admin-vendor", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_vendor_reason},
    {"POST", "/admin/vendors/" VENDOR_SLUG "/reinstate", h_admin_vendor_reinstate, "admin-vendor",
     ROUTE_ADMIN | ROUTE_CSRF, in_admin_vendor_reason},
    {"POST", "/admin/vendors/" VENDOR_SLUG "/keys", h_admin_key_issue, "admin-key", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_vendor_key},
    {"POST", "/admin/vendors/" VENDOR_SLUG "/keys/" PARTNER_KEY_ID "/rotate", h_admin_key_rotate, "admin-key",
     ROUTE_ADMIN | ROUTE_CSRF, in_admin_vendor_key},
    {"POST", "/admin/vendors/" VENDOR_SLUG "/keys/" PARTNER_KEY_ID "/revoke", h_admin_key_revoke, "admin-vendor",
     ROUTE_ADMIN | ROUTE_CSRF, in_admin_vendor_key},

    /* admin: catalog */
    {"GET", "/admin/catalog", h_admin_catalog, "admin-catalog", ROUTE_ADMIN, in_admin_catalog},
    {"POST", "/admin/categories", h_admin_category_create, "admin-catalog", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_category},
    {"POST", "/admin/categories/" CATALOG_ID, h_admin_category_rename, "admin-catalog", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_category_rename},
    {"POST", "/admin/categories/" CATALOG_ID "/move", h_admin_category_move, NULL, ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_category_move},
    {"GET", "/admin/products/new", h_admin_product_new, "admin-product-form", ROUTE_ADMIN, in_admin_product_new},
    {"POST", "/admin/products", h_admin_product_create, "admin-product-form", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_product_create},
    {"GET", "/admin/products/" CATALOG_ID, h_admin_product, "admin-product", ROUTE_ADMIN, NULL},
    {"POST", "/admin/products/" CATALOG_ID, h_admin_product_update, "admin-product", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_product_update},
    {"POST", "/admin/products/" CATALOG_ID "/list", h_admin_product_list, "admin-product", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_listing},
    {"POST", "/admin/products/" CATALOG_ID "/delist", h_admin_product_delist, "admin-product", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_listing},
    {"POST", "/admin/products/" CATALOG_ID "/specs", h_admin_spec_add, "admin-product", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_spec_add},
    {"POST", "/admin/specs/" CATALOG_ID, h_admin_spec_update, "admin-product", ROUTE_ADMIN | ROUTE_CSRF, in_admin_spec},
    {"POST", "/admin/specs/" CATALOG_ID "/prices", h_admin_spec_price, "admin-product", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_price},

    /* admin: buyers and orders */
    {"GET", "/admin/buyers", h_admin_buyers, "admin-buyers", ROUTE_ADMIN, in_admin_buyers},
    {"GET", "/admin/buyers/" BUYER_ID, h_admin_buyer, "admin-buyer", ROUTE_ADMIN, NULL},
    {"POST", "/admin/buyers/" BUYER_ID "/balance", h_admin_buyer_balance, "admin-buyer", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_balance},
    {"POST", "/admin/buyers/" BUYER_ID "/unlock", h_admin_buyer_unlock, NULL, ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_unlock},
    {"GET", "/admin/orders", h_admin_orders, "admin-orders", ROUTE_ADMIN, in_admin_orders},
    {"GET", "/admin/orders/" ORDER_NO, h_admin_order, "admin-order", ROUTE_ADMIN, NULL},
    {"GET", "/admin/orders/" ORDER_NO "/refund", h_admin_refund_form, "admin-refund", ROUTE_ADMIN, NULL},
    {"POST", "/admin/orders/" ORDER_NO "/refund", h_admin_refund, "admin-refund", ROUTE_ADMIN | ROUTE_CSRF,
     in_admin_refund},

    /* admin: deliveries and appeals */
    {"GET", "/admin/deliveries", h_admin_deliveries, "admin-deliveries", ROUTE_ADMIN, in_admin_deliveries},
    {"GET", "/admin/deliveries/" DELIVERY_NO, h_admin_delivery, "admin-delivery", ROUTE_ADMIN, NULL},
    {"GET", "/admin/deliveries/" DELIVERY_NO "/attachments/" ATTACHMENT_ID, h_admin_delivery_attachment, NULL,
     ROUTE_ADMIN, NULL},
    {"POST", "/admin/deliveries/" DELIVERY_NO "/note", h_admin_delivery_note, "admin-delivery",
     ROUTE_ADMIN | ROUTE_CSRF, in_admin_delivery_note},
    {"POST", "/admin/deliveries/" DELIVERY_NO "/decide", h_admin_delivery_decide, "admin-delivery",
     ROUTE_ADMIN | ROUTE_CSRF, in_admin_delivery_decide},

    /* partners: signed XML (X-MP-* headers) */
    {"GET", "/partner/v1/events", h_partner_events, NULL, PARTNER, in_feed},
    {"GET", "/partner/v1/orders", h_partner_orders, NULL, PARTNER, in_feed},
    {"GET", "/partner/v1/orders/" ORDER_NO, h_partner_order, NULL, PARTNER, NULL},
    {"GET", "/partner/v1/instances", h_partner_instances, NULL, PARTNER, in_partner_instances},
    {"GET", "/partner/v1/instances/" INSTANCE_NO, h_partner_instance, NULL, PARTNER, NULL},
    {"POST", "/partner/v1/instances/" INSTANCE_NO "/app-info", h_partner_app_info, NULL, PARTNER, NULL},
    {"POST", "/partner/v1/free-login/verify", h_partner_free_login, NULL, PARTNER, NULL},
    {"GET", "/partner/v1/deliveries", h_partner_deliveries, NULL, PARTNER, in_partner_deliveries},
    {"GET", "/partner/v1/deliveries/" DELIVERY_NO, h_partner_delivery, NULL, PARTNER, NULL},
    {"GET", "/partner/v1/deliveries/" DELIVERY_NO "/attachments/" ATTACHMENT_ID, h_partner_delivery_attachment, NULL,
     PARTNER, NULL},
    {"POST", "/partner/v1/deliveries/" DELIVERY_NO "/confirm", h_partner_delivery_confirm, NULL, PARTNER, NULL},
    {"POST", "/partner/v1/deliveries/" DELIVERY_NO "/progress", h_partner_delivery_progress, NULL, PARTNER, NULL,
     BODY_XML, MP_PARTNER_UPLOAD_BODY_MAX},
    {"POST", "/partner/v1/deliveries/" DELIVERY_NO "/submit", h_partner_delivery_submit, NULL, PARTNER, NULL, BODY_XML,
     MP_PARTNER_UPLOAD_BODY_MAX},
};

const size_t mp_nroutes = sizeof(mp_routes) / sizeof(mp_routes[0]);
