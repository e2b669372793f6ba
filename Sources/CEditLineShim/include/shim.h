// Fixed-argument wrappers around libedit: el_set() and history() are C
// variadics, which Swift cannot call. Everything the Swift side needs from
// libedit goes through the functions below.
#ifndef SCICITY_EDITLINE_SHIM_H
#define SCICITY_EDITLINE_SHIM_H

#include <stdio.h>

typedef struct sce_editor sce_editor;

/// What the Tab key should do: text to insert at the cursor (may be empty)
/// after deleting `replace` characters before it, then `step_over`
/// characters to move the cursor past, and, when several candidates
/// remain, a listing to print above the prompt. Both strings are malloc'd
/// by the callback and freed by the shim.
typedef struct {
    char *insert;
    char *listing;
    int replace;
    int step_over;
} sce_completion;

typedef sce_completion (*sce_completer)(void *context, const char *before_cursor, const char *after_cursor);

/// Sets LC_CTYPE from the environment and falls back to C.UTF-8 when that is
/// not a UTF-8 locale: libedit edits wide characters only under UTF-8.
/// Returns the name of the locale in force.
const char *sce_ensure_utf8_locale(void);

/// An editor on the process's standard input, output and error.
sce_editor *sce_open(const char *program);
void sce_close(sce_editor *editor);
void sce_set_prompt(sce_editor *editor, const char *prompt);
void sce_set_completer(sce_editor *editor, sce_completer completer, void *context);

/// Reads one line. Returns NULL at end of input (Ctrl-D on an empty line).
/// `*interrupted` is set when Ctrl-C abandoned the line.
const char *sce_gets(sce_editor *editor, int *count, int *interrupted);

/// After a line was read: waits up to `wait_ms` for more typed (or pasted)
/// input, hands it back to the editor unchanged for the next read, and
/// returns 1 when that input begins (after spaces) with "|", so the line
/// just read is continued by the next one.
int sce_typeahead_continues(sce_editor *editor, int wait_ms);

void sce_history_add(sce_editor *editor, const char *line);
void sce_history_clear(sce_editor *editor);
void sce_history_set_size(sce_editor *editor, int size);

/// SIGINT while a statement runs: the handler only sets a flag, which the
/// engine polls. Returns and clears the flag.
void sce_install_interrupt_handler(void);
int sce_take_interrupt(void);
int sce_peek_interrupt(void);

/// SIGPIPE off, so a closed pipe is an EPIPE error the shell handles quietly.
void sce_ignore_sigpipe(void);

/// The terminal's width in columns, or 0 when `fd` is not a terminal.
int sce_terminal_width(int fd);

/// The terminal's height in lines, or 0 when `fd` is not a terminal.
int sce_terminal_height(int fd);

#endif
