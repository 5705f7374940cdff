/*
 * json.c - a small strict JSON parser that keeps numbers as text
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define ARENA_BLOCK 8192

typedef struct arena_block
{
	struct arena_block *next;
	size_t		size;
	size_t		used;
	/* data follows, 16-byte aligned */
	max_align_t data[];
} arena_block;

struct cd_json_arena
{
	arena_block *head;
};

typedef struct parser
{
	const char *p;
	const char *end;
	const char *start;
	cd_json_arena *arena;
	cd_error   *err;
} parser;

/*
 * Bump allocation from the current block; a new block (at least
 * ARENA_BLOCK bytes) when it is full.  Everything goes at cd_json_free.
 */
static void *
arena_alloc(cd_json_arena *arena, size_t size)
{
	arena_block *b = arena->head;

	size = (size + 15) & ~(size_t) 15;
	if (b == NULL || b->size - b->used < size)
	{
		size_t		bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;

		b = malloc(sizeof(arena_block) + bsize);
		if (b == NULL)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = arena->head;
		arena->head = b;
	}
	b->used += size;
	return (char *) b->data + b->used - size;
}

/* Arena memory for callers that build structures next to the tree. */
void *
cd_json_arena_alloc(cd_json_arena *arena, size_t size)
{
	return arena_alloc(arena, size);
}

/* Release every block of the arena, and the arena itself. */
void
cd_json_free(cd_json_arena *arena)
{
	arena_block *b;

	if (arena == NULL)
		return;
	b = arena->head;
	while (b != NULL)
	{
		arena_block *next = b->next;

		free(b);
		b = next;
	}
	free(arena);
}

/* Fail with a syntax error that says where. */
static bool
syntax_error(parser *ps, const char *what)
{
	cd_fail(ps->err, CD_ERR_SYNTAX, "invalid input syntax for type json");
	cd_error_detail(ps->err, "%s at byte %zu of the JSON text.", what, (size_t) (ps->p - ps->start));
	return false;
}

/* Fail with CD_ERR_NOMEM (malloc returned NULL). */
static bool
nomem(parser *ps)
{
	return cd_fail(ps->err, CD_ERR_NOMEM, "out of memory while parsing JSON");
}

/* Skip JSON white space: space, tab, line feed, carriage return. */
static void
skip_space(parser *ps)
{
	while (ps->p < ps->end &&
		   (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes available), or
 * 0 when it is not valid (overlong forms, surrogates and values above
 * U+10FFFF included).
 */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t		len;
	uint32_t	cp;
	size_t		i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
	{
		len = 2;
		cp = c & 0x1f;
	}
	else if (c >= 0xe0 && c <= 0xef)
	{
		len = 3;
		cp = c & 0x0f;
	}
	else if (c >= 0xf0 && c <= 0xf4)
	{
		len = 4;
		cp = c & 0x07;
	}
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++)
	{
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		(cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Append code point cp as UTF-8 at out; returns the number of bytes. */
static size_t
put_utf8(uint32_t cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xc0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xe0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char) (0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char) (0xf0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char) (0x80 | (cp & 0x3f));
	return 4;
}

/* Four hex digits after "\u"; false when they are not hex. */
static bool
read_u16(parser *ps, uint32_t *out)
{
	uint32_t	v = 0;
	int			i;

	if (ps->end - ps->p < 4)
		return false;
	for (i = 0; i < 4; i++)
	{
		char		c = ps->p[i];
		int			d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = (v << 4) | (uint32_t) d;
	}
	ps->p += 4;
	*out = v;
	return true;
}

/*
 * A string, ps->p at the opening quote.  The decoded bytes are never
 * longer than the escaped text, so one allocation of that size suffices.
 */
static bool
parse_string(parser *ps, const char **out, size_t *outlen)
{
	const char *q;
	char	   *buf;
	size_t		n = 0;

	ps->p++;
	for (q = ps->p; q < ps->end && *q != '"'; q++)
		if (*q == '\\' && q + 1 < ps->end)
			q++;
	if (q >= ps->end)
		return syntax_error(ps, "Unterminated string");
	buf = arena_alloc(ps->arena, (size_t) (q - ps->p) + 1);
	if (buf == NULL)
		return nomem(ps);
	while (*ps->p != '"')
	{
		unsigned char c = (unsigned char) *ps->p;

		if (c < 0x20)
			return syntax_error(ps, "Unescaped control character in a string");
		if (c == '\\')
		{
			/* the single-character escapes, each beside what it stands for */
			static const char escape_letters[] = "\"\\/bfnrt";
			static const char escaped_chars[] = "\"\\/\b\f\n\r\t";
			const char *letter;
			uint32_t	cp;

			ps->p++;
			letter = ps->p < ps->end ? memchr(escape_letters, *ps->p, sizeof(escape_letters) - 1) : NULL;
			if (letter != NULL)
			{
				ps->p++;
				buf[n++] = escaped_chars[letter - escape_letters];
			}
			else if (ps->p < ps->end && *ps->p == 'u')
			{
				ps->p++;
				if (!read_u16(ps, &cp))
					return syntax_error(ps, "Invalid \\u escape");
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return syntax_error(ps, "Unpaired low surrogate in a \\u escape");
				if (cp >= 0xd800 && cp <= 0xdbff)
				{
					uint32_t	lo;

					if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
						return syntax_error(ps, "Unpaired high surrogate in a \\u escape");
					ps->p += 2;
					if (!read_u16(ps, &lo) || lo < 0xdc00 || lo > 0xdfff)
						return syntax_error(ps, "Unpaired high surrogate in a \\u escape");
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				if (cp == 0)
					return syntax_error(ps, "\\u0000 cannot be used in a string");
				n += put_utf8(cp, buf + n);
			}
			else
				return syntax_error(ps, "Invalid escape");
		}
		else
		{
			size_t		len = utf8_sequence((const unsigned char *) ps->p, (size_t) (ps->end - ps->p));

			if (len == 0)
				return syntax_error(ps, "Invalid UTF-8 in a string");
			memcpy(buf + n, ps->p, len);
			n += len;
			ps->p += len;
		}
	}
	ps->p++;
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return true;
}

/* A number, kept as its literal text after checking the JSON grammar. */
static bool
parse_number(parser *ps, cd_json *node)
{
	const char *s = ps->p;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end)
		return syntax_error(ps, "Truncated number");
	if (*ps->p == '0')
		ps->p++;
	else if (*ps->p >= '1' && *ps->p <= '9')
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	else
		return syntax_error(ps, "Invalid number");
	if (ps->p < ps->end && *ps->p == '.')
	{
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return syntax_error(ps, "Invalid number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
	{
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return syntax_error(ps, "Invalid number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	node->kind = CD_JSON_NUMBER;
	node->text = s;
	node->len = (size_t) (ps->p - s);
	return true;
}

static bool parse_value(parser *ps, cd_json *node, int depth);

/* True when a literal word (true, false, null) is next. */
static bool
match_word(parser *ps, const char *word)
{
	size_t		n = strlen(word);

	if ((size_t) (ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return false;
	ps->p += n;
	return true;
}

/* An array or object, ps->p at '[' or '{'. */
static bool
parse_container(parser *ps, cd_json *node, int depth)
{
	bool		is_object = *ps->p == '{';
	char		close = is_object ? '}' : ']';
	cd_json    *last = NULL;

	if (depth >= CD_JSON_MAX_DEPTH)
	{
		cd_fail(ps->err, CD_ERR_LIMIT, "JSON nested too deeply");
		cd_error_detail(ps->err, "At most %d levels of arrays and objects are accepted.", CD_JSON_MAX_DEPTH);
		return false;
	}
	node->kind = is_object ? CD_JSON_OBJECT : CD_JSON_ARRAY;
	ps->p++;
	skip_space(ps);
	if (ps->p < ps->end && *ps->p == close)
	{
		ps->p++;
		return true;
	}
	for (;;)
	{
		cd_json    *child = arena_alloc(ps->arena, sizeof(cd_json));

		if (child == NULL)
			return nomem(ps);
		memset(child, 0, sizeof(*child));
		if (is_object)
		{
			const cd_json *other;

			if (ps->p >= ps->end || *ps->p != '"')
				return syntax_error(ps, "Expected a string as object key");
			if (!parse_string(ps, &child->key, &child->keylen))
				return false;
			for (other = node->first; other != NULL; other = other->next)
				if (other->keylen == child->keylen && memcmp(other->key, child->key, child->keylen) == 0)
				{
					ps->p--;
					return syntax_error(ps, "Duplicate object key");
				}
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return syntax_error(ps, "Expected \":\"");
			ps->p++;
			skip_space(ps);
		}
		if (!parse_value(ps, child, depth + 1))
			return false;
		if (last == NULL)
			node->first = child;
		else
			last->next = child;
		last = child;
		node->count++;
		skip_space(ps);
		if (ps->p < ps->end && *ps->p == ',')
		{
			ps->p++;
			skip_space(ps);
			continue;
		}
		if (ps->p < ps->end && *ps->p == close)
		{
			ps->p++;
			return true;
		}
		return syntax_error(ps, is_object ? "Expected \",\" or \"}\"" : "Expected \",\" or \"]\"");
	}
}

/* Any value, ps->p at its first byte (white space already skipped). */
static bool
parse_value(parser *ps, cd_json *node, int depth)
{
	if (ps->p >= ps->end)
		return syntax_error(ps, "Unexpected end of input");
	switch (*ps->p)
	{
		case '{':
		case '[':
			return parse_container(ps, node, depth);
		case '"':
			node->kind = CD_JSON_STRING;
			return parse_string(ps, &node->text, &node->len);
		case 't':
			node->kind = CD_JSON_TRUE;
			return match_word(ps, "true") || syntax_error(ps, "Invalid literal");
		case 'f':
			node->kind = CD_JSON_FALSE;
			return match_word(ps, "false") || syntax_error(ps, "Invalid literal");
		case 'n':
			node->kind = CD_JSON_NULL;
			return match_word(ps, "null") || syntax_error(ps, "Invalid literal");
		default:
			return parse_number(ps, node);
	}
}

/* Parse a whole document: one value, white space around it, nothing else. */
cd_json *
cd_json_parse(const char *text, size_t len, cd_json_arena **arena, cd_error *err)
{
	parser		ps;
	cd_json    *root;

	*arena = calloc(1, sizeof(cd_json_arena));
	if (*arena == NULL)
	{
		cd_fail(err, CD_ERR_NOMEM, "out of memory while parsing JSON");
		return NULL;
	}
	ps.p = text;
	ps.start = text;
	ps.end = text + len;
	ps.arena = *arena;
	ps.err = err;
	root = arena_alloc(*arena, sizeof(cd_json));
	if (root == NULL)
	{
		nomem(&ps);
		return NULL;
	}
	memset(root, 0, sizeof(*root));
	skip_space(&ps);
	if (!parse_value(&ps, root, 0))
		return NULL;
	skip_space(&ps);
	if (ps.p != ps.end)
	{
		syntax_error(&ps, "Unexpected text after the JSON value");
		return NULL;
	}
	return root;
}

/* Linear lookup by key: objects in typed data are small. */
const cd_json *
cd_json_get(const cd_json *object, const char *key)
{
	size_t		n = strlen(key);
	const cd_json *c;

	if (object == NULL || object->kind != CD_JSON_OBJECT)
		return NULL;
	for (c = object->first; c != NULL; c = c->next)
		if (c->keylen == n && memcmp(c->key, key, n) == 0)
			return c;
	return NULL;
}

/* The kind as a noun phrase for "expected X, got Y" messages. */
const char *
cd_json_kind_name(cd_json_kind kind)
{
	switch (kind)
	{
		case CD_JSON_NULL:
			return "null";
		case CD_JSON_FALSE:
		case CD_JSON_TRUE:
			return "a boolean";
		case CD_JSON_NUMBER:
			return "a number";
		case CD_JSON_STRING:
			return "a string";
		case CD_JSON_ARRAY:
			return "an array";
		case CD_JSON_OBJECT:
			break;
	}
	return "an object";
}
