// SPDX-License-Identifier: MIT
/*
 * report_sarif.c - the findings as a SARIF 2.1.0 log (--format sarif), the
 * form GitHub code scanning and other CI dashboards read.
 *
 * Pass: report.  Input: the findings report_collect() chose and struct
 * report_run.  Output: one run whose tool.driver lists every check as a
 * rule (short description from the check table, full description and help
 * from docs/checks/<id>.md, helpUri under the configurable docs URL), and
 * one result per finding:
 *
 *   locations         the finding, file relative to %SRCROOT% (the current
 *                     directory) and its enclosing function;
 *   relatedLocations  one per note, in order;
 *   codeFlows         one thread flow walking the finding and its notes:
 *                     the accesses, acquisitions, calls and spawns that
 *                     make up the race or the cycle;
 *   partialFingerprints  "fearcheck/v1": fingerprint ":" occurrence, which
 *                     holds no line number (diag_finalize()).
 *
 * Columns are converted from clang's bytes to UTF-16 code units (SARIF's
 * default columnKind) by reading the line; a line that cannot be read keeps
 * its byte column.  docs/report-format.md describes every field.
 */
#include "report.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "options.h"
#include "suppress.h"

#ifndef FC_VERSION
#define FC_VERSION "0.0.0"
#endif
#ifndef FC_HOMEPAGE_URL
#define FC_HOMEPAGE_URL "https://github.com/fearcheck/fearcheck"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FP_KEY "fearcheck/v1"

/* Appends s percent-encoded for a URI path: unreserved bytes and '/' stay. */
static void put_uri_path(struct sb *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", (int)c))
			sb_putc(b, (char)c);
		else
			sb_printf(b, "%%%02X", c);
	}
}

/*
 * A file's artifactLocation: below the root, a relative uri with uriBaseId
 * SRCROOT (what code scanning resolves against the checkout); elsewhere a
 * file: uri.
 */
static json_t *artifact(const char *file, const char *root)
{
	struct sb b = { 0 };
	json_t *j;
	bool up = !strncmp(file, "../", 3) || strstr(file, "/../");
	if (file[0] != '/' && !up) {
		put_uri_path(&b, file);
		j = json_pack("{s:s, s:s}", "uri", sb_str(&b), "uriBaseId",
			      "SRCROOT");
	} else {
		char *abs = file[0] == '/' ? xstrdup(file)
					    : path_join(root, file);
		sb_puts(&b, "file://");
		put_uri_path(&b, abs);
		free(abs);
		j = json_pack("{s:s}", "uri", sb_str(&b));
	}
	sb_free(&b);
	return j;
}

/* clang's byte column as UTF-16 code units, when the line can be read. */
static uint32_t utf16_col(struct pos p)
{
	size_t len;
	const char *line = suppress_source_line(p.file, p.line, &len);
	if (!line || p.col < 1 || p.col - 1 > len)
		return p.col;
	uint32_t units = 1;
	for (size_t i = 0; i < p.col - 1; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c & 0xc0) == 0x80)
			continue;	/* continuation byte */
		units += c >= 0xf0 ? 2 : 1;	/* beyond the BMP: a pair */
	}
	return units;
}

static json_t *physical(struct pos p, const char *root)
{
	return json_pack("{s:o, s:{s:I, s:I}}", "artifactLocation",
			 artifact(p.file, root), "region", "startLine",
			 (json_int_t)(p.line ? p.line : 1), "startColumn",
			 (json_int_t)(p.col ? utf16_col(p) : 1));
}

static json_t *message(const char *text)
{
	return json_pack("{s:o}", "text", report_json_string(text));
}

/* ------------------------------------------------------------- rules */

/* The page's first paragraph after its title, without "**What ...**". */
static char *first_paragraph(const char *md)
{
	const char *p = strchr(md, '\n');
	if (!p)
		return NULL;
	while (*p == '\n')
		p++;
	const char *e = strstr(p, "\n\n");
	if (!e)
		e = p + strlen(p);
	if (!strncmp(p, "**", 2)) {
		const char *close = strstr(p + 2, "**");
		if (close && close < e) {
			p = close + 2;
			while (*p == ' ')
				p++;
		}
	}
	struct sb b = { 0 };
	for (; p < e; p++)
		sb_putc(&b, *p == '\n' ? ' ' : *p);
	return b.s;
}

static json_t *rule(const struct check_def *c, const char *docs_url)
{
	struct sb uri = { 0 }, help = { 0 };
	size_t ul = strlen(docs_url);
	sb_printf(&uri, "%s%s%s.md", docs_url,
		  ul && docs_url[ul - 1] == '/' ? "" : "/", c->id);
	char *path = report_doc_path(c->id);
	size_t len = 0;
	char *md = path ? read_file(path, &len) : NULL;
	if (md && !len) {
		free(md);	/* an empty page helps nobody */
		md = NULL;
	}
	char *full = md ? first_paragraph(md) : NULL;
	if (!md)
		sb_printf(&help, "%s.\n\nSee %s", c->summary, sb_str(&uri));
	json_t *j = json_pack(
		"{s:s, s:s, s:{s:s}, s:{s:o}, s:{s:o, s:o}, s:s, "
		"s:{s:s}, s:{s:[s]}}",
		"id", c->id,
		"name", c->id,
		"shortDescription", "text", c->summary,
		"fullDescription", "text",
		report_json_string(full ? full : c->summary),
		"help", "text", report_json_string(md ? md : sb_str(&help)),
		"markdown", report_json_string(md ? md : sb_str(&help)),
		"helpUri", sb_str(&uri),
		"defaultConfiguration", "level", "warning",
		"properties", "tags", "concurrency");
	free(full);
	free(md);
	free(path);
	sb_free(&uri);
	sb_free(&help);
	return j;
}

/* ----------------------------------------------------------- results */

static json_t *result(const struct finding *f, size_t rule_index,
		      const char *root)
{
	struct sb text = { 0 };
	sb_puts(&text, f->msg);
	json_t *related = json_array();
	json_t *steps = json_array();
	json_t *loc;
	if (f->pos.file) {
		loc = json_pack("{s:o}", "physicalLocation",
				physical(f->pos, root));
		if (f->function)
			json_object_set_new(loc, "logicalLocations",
				json_pack("[{s:o, s:s}]", "name",
					  report_json_string(f->function),
					  "kind", "function"));
		json_array_append_new(steps, json_pack("{s:{s:o, s:o}}",
			"location", "physicalLocation", physical(f->pos, root),
			"message", message(f->msg)));
	} else {
		loc = NULL;
	}
	for (uint32_t k = 0; k < f->nnotes; k++) {
		const struct note *n = &f->notes[k];
		if (!n->pos.file) {
			/* No place to point at: the note joins the message. */
			sb_printf(&text, "\n%s", n->msg);
			continue;
		}
		json_array_append_new(related, json_pack("{s:I, s:o, s:o}",
			"id", (json_int_t)(k + 1),
			"physicalLocation", physical(n->pos, root),
			"message", message(n->msg)));
		json_array_append_new(steps, json_pack("{s:{s:o, s:o}}",
			"location", "physicalLocation", physical(n->pos, root),
			"message", message(n->msg)));
	}
	struct sb fp = { 0 };
	sb_printf(&fp, "%s:%u", f->fingerprint, f->occurrence);
	json_t *r = json_pack("{s:s, s:I, s:s, s:o, s:{s:s}}",
		"ruleId", f->check,
		"ruleIndex", (json_int_t)rule_index,
		"level", "warning",
		"message", message(sb_str(&text)),
		"partialFingerprints", FP_KEY, sb_str(&fp));
	json_object_set_new(r, "locations", loc ? json_pack("[o]", loc)
						: json_array());
	if (json_array_size(related))
		json_object_set_new(r, "relatedLocations", related);
	else
		json_decref(related);
	if (json_array_size(steps) > 1)
		json_object_set_new(r, "codeFlows", json_pack(
			"[{s:[{s:o}]}]", "threadFlows", "locations", steps));
	else
		json_decref(steps);
	sb_free(&fp);
	sb_free(&text);
	return r;
}

/*
 * report_sarif - see report.h.  Rules are every check in the table, in its
 * order, so ruleIndex is the check's index.
 */
int report_sarif(FILE *out, struct finding **v, size_t n,
		 const struct report_run *r)
{
	size_t nchecks;
	struct check_def *checks = options_checks(&nchecks);
	json_t *rules = json_array();
	for (size_t i = 0; i < nchecks; i++)
		json_array_append_new(rules, rule(&checks[i], r->docs_url));
	json_t *results = json_array();
	for (size_t i = 0; i < n; i++) {
		size_t ri = 0;
		while (ri < nchecks && strcmp(checks[ri].id, v[i]->check))
			ri++;
		json_array_append_new(results, result(v[i], ri, r->root));
	}
	struct sb root = { 0 };
	sb_puts(&root, "file://");
	put_uri_path(&root, r->root);
	if (root.len && root.s[root.len - 1] != '/')
		sb_putc(&root, '/');
	json_t *doc = json_pack(
		"{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:s, s:o}}, "
		"s:{s:{s:s}}, s:s, s:[{s:b}], s:o}]}",
		"$schema", SARIF_SCHEMA,
		"version", "2.1.0",
		"runs",
		"tool", "driver",
		"name", "fearcheck",
		"version", FC_VERSION,
		"semanticVersion", FC_VERSION,
		"informationUri", FC_HOMEPAGE_URL,
		"rules", rules,
		"originalUriBaseIds", "SRCROOT", "uri", sb_str(&root),
		"columnKind", "utf16CodeUnits",
		"invocations", "executionSuccessful", !r->errors,
		"results", results);
	sb_free(&root);
	if (!doc)
		fc_oom();
	fflush(stdout);
	int rc = json_dumpf(doc, out, JSON_INDENT(2));
	json_decref(doc);
	if (rc == 0 && fputc('\n', out) != EOF && fflush(out) == 0)
		return 0;
	if (!errno)
		errno = EIO;
	return -1;
}
