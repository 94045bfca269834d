/* Unit tests for fcgi/input.c: declared query and form fields, validated before a handler sees them. */
#include <string.h>

#include "../../fcgi/input.h"
#include "check.h"

static arena A;

/* A request whose query and form are parsed from the given strings. */
static request req(const char *query, const char *form)
{
    request r;
    memset(&r, 0, sizeof(r));
    r.method = form ? "POST" : "GET";
    r.path = "/";
    r.query = query;
    CHECK(req_parse_urlencoded(&A, query, strlen(query), &r.args) == REQ_OK);
    CHECK(!form || req_parse_urlencoded(&A, form, strlen(form), &r.form) == REQ_OK);
    return r;
}

/* in_validate's answer for fields over a request built from query and form. */
static const char *validate(const in_field *fields, const char *query, const char *form)
{
    request r = req(query, form);
    return in_validate(fields, &r, &A);
}

static const in_field qty_field[] = {
    IN_INT_F("qty", 1, 99),
    IN_END,
};

static void int_range_bounds_are_inclusive(void)
{
    CHECK(validate(qty_field, "", "qty=1") == NULL);
    CHECK(validate(qty_field, "", "qty=99") == NULL);
    CHECK(validate(qty_field, "", "qty=50") == NULL);
    CHECK_STR(validate(qty_field, "", "qty=0"), "field \"qty\" must be a whole number from 1 to 99");
    CHECK(validate(qty_field, "", "qty=100") != NULL);
    CHECK(validate(qty_field, "", "qty=-1") != NULL);
}

static void negative_ranges_work(void)
{
    static const in_field f[] = {IN_INT_Q("delta", -10, -1), IN_END};
    CHECK(validate(f, "delta=-10", NULL) == NULL);
    CHECK(validate(f, "delta=-1", NULL) == NULL);
    CHECK(validate(f, "delta=0", NULL) != NULL);
    CHECK(validate(f, "delta=-11", NULL) != NULL);
}

static void non_numbers_are_refused(void)
{
    const char *bad[] = {"qty=abc", "qty=1.5", "qty=01", "qty=%2B1", "qty=1+", "qty=%201", "qty=1e2",
                         "qty=99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *msg = validate(qty_field, "", bad[i]);
        CHECK(msg != NULL && strstr(msg, "\"qty\"") != NULL);
        if (!msg)
            fprintf(stderr, "  form \"%s\" passed\n", bad[i]);
    }
}

static const char *const sorts[] = {"new", "price", "name", NULL};

static void enum_takes_only_its_choices(void)
{
    static const in_field f[] = {IN_ENUM_Q("sort", sorts), IN_END};
    CHECK(validate(f, "sort=new", NULL) == NULL);
    CHECK(validate(f, "sort=name", NULL) == NULL);
    CHECK_STR(validate(f, "sort=old", NULL), "field \"sort\" has a value that is not one of its choices");
    CHECK(validate(f, "sort=NEW", NULL) != NULL);
    CHECK(validate(f, "sort=ne", NULL) != NULL);
    CHECK(validate(f, "sort=news", NULL) != NULL);
}

static void text_length_counts_characters(void)
{
    static const in_field f[] = {IN_TEXT_F("name", 2, 4), IN_END};
    CHECK(validate(f, "", "name=ab") == NULL);
    CHECK(validate(f, "", "name=abcd") == NULL);
    CHECK_STR(validate(f, "", "name=a"), "field \"name\" must be 2 to 4 characters long");
    CHECK(validate(f, "", "name=abcde") != NULL);
    /* 你好世界 is 4 characters in 12 bytes */
    CHECK(validate(f, "", "name=%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C") == NULL);
    /* 你 is 1 character in 3 bytes: too short */
    CHECK(validate(f, "", "name=%E4%BD%A0") != NULL);
    /* 5 CJK characters: too long */
    CHECK(validate(f, "", "name=%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C%21") != NULL);
}

static void empty_text_is_checked_against_its_minimum(void)
{
    static const in_field f[] = {IN_TEXT_F("note", 1, 10), IN_END};
    CHECK(validate(f, "", "note=") != NULL);
    static const in_field g[] = {IN_TEXT_F("note", 0, 10), IN_END};
    CHECK(validate(g, "", "note=") == NULL);
}

static void required_missing_names_the_field(void)
{
    CHECK_STR(validate(qty_field, "", ""), "field \"qty\" is required");
    CHECK_STR(validate(qty_field, "", "other=1"), "field \"qty\" is required");
    CHECK_STR(validate(qty_field, "", "qty="), "field \"qty\" is required"); /* empty number */
    CHECK_STR(validate(qty_field, "qty=5", ""), "field \"qty\" is required"); /* form field, not query */
}

static void optional_missing_is_fine(void)
{
    static const in_field f[] = {IN_INT_Q("page", 1, 1000), IN_ENUM_Q("sort", sorts), IN_TEXT_Q("q", 1, 50),
                                 IN_END};
    CHECK(validate(f, "", NULL) == NULL);
    CHECK(validate(f, "page=&sort=", NULL) == NULL);
    CHECK(validate(f, "page=3", NULL) == NULL);
    CHECK(validate(f, "page=0", NULL) != NULL); /* present values are still checked */
}

static void optional_empty_is_absent(void)
{
    /* "?status=" or "?after=" mean "not given", for every kind, even a text
     * whose minimum length is above zero */
    static const in_field f[] = {IN_INT_Q("after", 0, 100), IN_ENUM_Q("status", sorts), IN_TEXT_Q("q", 1, 50),
                                 IN_TEXT_Q("note", 0, 50), IN_END};
    CHECK(validate(f, "after=&status=&q=&note=", NULL) == NULL);
    request r = req("after=&status=&q=&note=", NULL);
    CHECK(in_value(f, &r, "after") == NULL);
    CHECK(in_value(f, &r, "status") == NULL);
    CHECK(in_value(f, &r, "q") == NULL);
    CHECK(in_value(f, &r, "note") == NULL);
    r = req("status=price&q=x", NULL);
    CHECK_STR(in_value(f, &r, "status"), "price");
    CHECK_STR(in_value(f, &r, "q"), "x");
    /* a required text keeps its empty value (the form shows what is missing) */
    static const in_field g[] = {IN_TEXT_F("email", 0, 254), IN_END};
    r = req("", "email=");
    CHECK_STR(in_value(g, &r, "email"), "");
}

static void first_failing_field_is_named(void)
{
    static const in_field f[] = {IN_INT_Q("page", 1, 10), IN_ENUM_Q("sort", sorts), IN_END};
    const char *msg = validate(f, "page=1&sort=bad", NULL);
    CHECK(msg != NULL && strstr(msg, "\"sort\"") != NULL);
    msg = validate(f, "page=11&sort=bad", NULL);
    CHECK(msg != NULL && strstr(msg, "\"page\"") != NULL);
}

static bool is_even(const char *v)
{
    size_t n = strlen(v);
    return n > 0 && (v[n - 1] - '0') % 2 == 0;
}

static void custom_check_runs_after_the_kind(void)
{
    static const in_field f[] = {
        {.name = "n", .kind = IN_INT, .where = IN_QUERY, .required = true, .min = 0, .max = 100, .check = is_even},
        IN_END,
    };
    CHECK(validate(f, "n=42", NULL) == NULL);
    CHECK_STR(validate(f, "n=43", NULL), "field \"n\" is not valid");
    /* out of range is reported as such, before the check */
    CHECK_STR(validate(f, "n=102", NULL), "field \"n\" must be a whole number from 0 to 100");
    CHECK_STR(validate(f, "", NULL), "field \"n\" is required");
}

static void undeclared_fields_are_ignored(void)
{
    CHECK(validate(qty_field, "junk=%3Cx%3E", "qty=3&extra=1") == NULL);
}

static const in_field both_field[] = {
    {.name = "id", .kind = IN_INT, .where = IN_QUERY | IN_FORM, .min = 1, .max = 1000},
    IN_INT_Q("page", 1, 10),
    IN_END,
};

static void value_prefers_form_to_query(void)
{
    request r = req("id=1&page=2", "id=7");
    CHECK_STR(in_value(both_field, &r, "id"), "7");
    CHECK_STR(in_value(both_field, &r, "page"), "2");
    r = req("id=1", "other=7");
    CHECK_STR(in_value(both_field, &r, "id"), "1");
}

static void validation_looks_where_the_value_comes_from(void)
{
    /* the form's id is the one checked: the query's bad id is not used */
    CHECK(validate(both_field, "id=5000", "id=7") == NULL);
    CHECK(validate(both_field, "id=7", "id=5000") != NULL);
}

static void value_of_undeclared_or_missing_is_null(void)
{
    request r = req("page=2&secret=x", NULL);
    CHECK(in_value(both_field, &r, "secret") == NULL);
    CHECK(in_value(both_field, &r, "id") == NULL);
    /* a query-only field is not read from the form */
    r = req("", "page=3");
    CHECK(in_value(both_field, &r, "page") == NULL);
}

int main(void)
{
    arena_init(&A, 0);
    int_range_bounds_are_inclusive();
    negative_ranges_work();
    non_numbers_are_refused();
    enum_takes_only_its_choices();
    text_length_counts_characters();
    empty_text_is_checked_against_its_minimum();
    required_missing_names_the_field();
    optional_missing_is_fine();
    optional_empty_is_absent();
    first_failing_field_is_named();
    custom_check_runs_after_the_kind();
    undeclared_fields_are_ignored();
    value_prefers_form_to_query();
    validation_looks_where_the_value_comes_from();
    value_of_undeclared_or_missing_is_null();
    arena_free(&A);
    return check_done("test_input");
}
