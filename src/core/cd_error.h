/*
 * cd_error.h - error reporting for the pure C core
 *
 * The core never includes postgres.h and never longjmps.  A core function
 * that can fail returns false (or NULL) and fills a cd_error; the fmgr glue
 * turns it into ereport(ERROR) with the matching SQLSTATE (see cd_raise() in
 * src/pg_creative_defi.h).  Messages follow PostgreSQL's style: the primary
 * message is lower case without a trailing period, detail and hint are
 * full sentences.
 */
#ifndef CD_ERROR_H
#define CD_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

typedef enum cd_errcode
{
	CD_OK = 0,
	CD_ERR_SYNTAX,				/* 22P02 invalid_text_representation */
	CD_ERR_RANGE,				/* 22003 numeric_value_out_of_range */
	CD_ERR_PARAM,				/* 22023 invalid_parameter_value */
	CD_ERR_DATA,				/* 22000 data_exception */
	CD_ERR_BINARY,				/* 22P03 invalid_binary_representation */
	CD_ERR_LIMIT,				/* 54000 program_limit_exceeded */
	CD_ERR_DIVISION,			/* 22012 division_by_zero */
	CD_ERR_LIBRARY,				/* 39000 external_routine_exception */
	CD_ERR_NOMEM				/* 53200 out_of_memory */
} cd_errcode;

#define CD_ERRMSG_LEN 512

typedef struct cd_error
{
	cd_errcode	code;
	char		message[CD_ERRMSG_LEN];
	char		detail[CD_ERRMSG_LEN];	/* empty when absent */
	char		hint[CD_ERRMSG_LEN];	/* empty when absent */
} cd_error;

extern void cd_error_clear(cd_error *err);

/*
 * Fill err (when err is not NULL) and return false, so that a caller can
 * write "return cd_fail(err, CD_ERR_SYNTAX, ...)".
 */
extern bool cd_fail(cd_error *err, cd_errcode code, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
extern void cd_error_detail(cd_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
extern void cd_error_hint(cd_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
/* cd_error_detail for a function that takes its own variable arguments */
extern void cd_error_vdetail(cd_error *err, const char *fmt, va_list ap)
			__attribute__((format(printf, 2, 0)));

/*
 * Quote user input for an error message, truncated to a readable length
 * so that a megabyte of garbage does not become a megabyte of log.
 */
extern const char *cd_quote_input(const char *input, size_t len, char *buf, size_t bufsize);

/*
 * One character for a message: 'c' when printable ASCII, else its byte
 * value ("byte 0x0A"); out is returned.
 */
extern const char *cd_describe_char(unsigned char c, char out[16]);

#endif							/* CD_ERROR_H */
