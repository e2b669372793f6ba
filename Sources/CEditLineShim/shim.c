#define _GNU_SOURCE 1  /* wcwidth */
#include "shim.h"

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

struct sce_editor {
    EditLine *el;
    History *history;
    char *prompt;
    sce_completer completer;
    void *completer_context;
    int interrupted;
    /// Input read ahead of the editor (a paste), handed to it a line at a time.
    char *held;
    size_t held_length;
    /// The line being edited was pasted (handed over from `held`).
    int replaying_paste;
};

const char *sce_ensure_utf8_locale(void) {
    const char *name = setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (name == NULL || codeset == NULL || (strcasecmp(codeset, "UTF-8") != 0 && strcasecmp(codeset, "utf8") != 0)) {
        name = setlocale(LC_CTYPE, "C.UTF-8");
        if (name == NULL) name = setlocale(LC_CTYPE, "C.utf8");
    }
    return name ? name : "C";
}

static char *prompt_callback(EditLine *el) {
    sce_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor && editor->prompt ? editor->prompt : "";
}

/// Whether a Tab is part of a paste rather than a key: the line was
/// handed over from a paste, more of one is held, or more input is already
/// waiting than a person types while one Tab is answered (a quick second
/// Tab, or an arrow key's three bytes, is not a paste).
static int pending_input(int wait_ms);

static int tab_is_pasted(sce_editor *editor) {
    return editor->replaying_paste || editor->held_length > 0 || pending_input(0) >= 4;
}

static unsigned char complete_callback(EditLine *el, int ch) {
    (void)ch;
    sce_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    if (editor == NULL || editor->completer == NULL) return CC_ERROR;
    // A pasted script indented with tabs keeps them: completing there
    // would type candidates into the statement.
    if (tab_is_pasted(editor)) return el_insertstr(el, "\t") == -1 ? CC_ERROR : CC_REFRESH;
    const LineInfo *info = el_line(el);
    size_t before_length = (size_t)(info->cursor - info->buffer);
    size_t after_length = (size_t)(info->lastchar - info->cursor);
    char *before = malloc(before_length + 1);
    char *after = malloc(after_length + 1);
    if (before == NULL || after == NULL) { free(before); free(after); return CC_ERROR; }
    memcpy(before, info->buffer, before_length);
    before[before_length] = '\0';
    memcpy(after, info->cursor, after_length);
    after[after_length] = '\0';
    sce_completion result = editor->completer(editor->completer_context, before, after);
    free(before);
    free(after);
    unsigned char status = CC_REFRESH;
    if (result.listing != NULL && result.listing[0] != '\0') {
        FILE *out = NULL;
        el_get(el, EL_GETFP, 1, &out);
        if (out != NULL) {
            fputs("\n", out);
            fputs(result.listing, out);
            fflush(out);
        }
        status = CC_REDISPLAY;
    }
    if (result.insert != NULL && result.insert[0] != '\0') {
        // A name typed bare that must be quoted is taken back first.
        info = el_line(el);
        if (result.replace > 0 && result.replace <= info->cursor - info->buffer) el_deletestr(el, result.replace);
        if (el_insertstr(el, result.insert) == -1) status = CC_ERROR;
    } else if (result.step_over <= 0 && (result.listing == NULL || result.listing[0] == '\0')) {
        status = CC_REFRESH_BEEP;
    }
    // A closing quote the line already had: the cursor goes on past it.
    if (result.step_over > 0 && status != CC_ERROR) el_cursor(el, result.step_over);
    free(result.insert);
    free(result.listing);
    return status;
}

/// Ctrl-C at the prompt: abandon the line (and any continuation lines).
static unsigned char interrupt_callback(EditLine *el, int ch) {
    (void)ch;
    sce_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    if (editor) editor->interrupted = 1;
    FILE *out = NULL;
    el_get(el, EL_GETFP, 1, &out);
    const LineInfo *info = el_line(el);
    el_deletestr(el, (int)(info->cursor - info->buffer));
    info = el_line(el);
    el_cursor(el, (int)(info->lastchar - info->cursor));
    info = el_line(el);
    el_deletestr(el, (int)(info->cursor - info->buffer));
    if (out) { fputs("^C\n", out); fflush(out); }
    return CC_NEWLINE;
}

/// Ctrl-Z at the prompt (a key there, with -isig) suspends scicity as the
/// terminal's own Ctrl-Z does while a statement runs: the terminal is put
/// back as it was, the process group stops, and the line is drawn again
/// when the shell continues it (fg).
static unsigned char suspend_callback(EditLine *el, int ch) {
    (void)ch;
    FILE *out = NULL;
    el_get(el, EL_GETFP, 1, &out);
    if (out) { fputs("\n", out); fflush(out); }
    el_set(el, EL_PREP_TERM, 0);
    kill(0, SIGTSTP);
    el_set(el, EL_PREP_TERM, 1);
    return CC_REDISPLAY;
}

sce_editor *sce_open(const char *program) {
    sce_editor *editor = calloc(1, sizeof(sce_editor));
    if (editor == NULL) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    if (editor->el == NULL) { free(editor); return NULL; }
    editor->history = history_init();
    HistEvent event;
    if (editor->history) {
        history(editor->history, &event, H_SETSIZE, 1000);
        history(editor->history, &event, H_SETUNIQUE, 1);
        el_set(editor->el, EL_HIST, history, editor->history);
    }
    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    // libedit's insert- and delete-character shortcuts miscount a wide
    // character's two cells: typing or deleting before Chinese text left
    // the cursor drawn a cell too far right. Without them libedit redraws
    // the rest of the line, which it gets right.
    static const char *const shortcuts[] = {"im", "ei", "ic", "IC", "ip", "dc", "DC", "dm", "ed"};
    for (size_t i = 0; i < sizeof shortcuts / sizeof shortcuts[0]; i++) {
        el_set(editor->el, EL_SETTC, shortcuts[i], "", NULL);
    }
    el_set(editor->el, EL_PROMPT, prompt_callback);
    // Ctrl-C reaches the editor as a key, not as a signal, while a line is
    // being edited; it is a signal again while a statement runs.
    el_set(editor->el, EL_SETTY, "-d", "-isig", NULL);
    el_set(editor->el, EL_ADDFN, "sce-complete", "complete a name", complete_callback);
    el_set(editor->el, EL_BIND, "^I", "sce-complete", NULL);
    el_set(editor->el, EL_ADDFN, "sce-interrupt", "abandon the line", interrupt_callback);
    el_set(editor->el, EL_BIND, "^C", "sce-interrupt", NULL);
    el_set(editor->el, EL_ADDFN, "sce-suspend", "suspend scicity", suspend_callback);
    el_set(editor->el, EL_BIND, "^Z", "sce-suspend", NULL);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    // Home, End, Delete and Ctrl-arrows as the common terminals send them.
    static const char *const bindings[][2] = {
        {"\\e[H", "ed-move-to-beg"}, {"\\eOH", "ed-move-to-beg"}, {"\\e[1~", "ed-move-to-beg"}, {"\\e[7~", "ed-move-to-beg"},
        {"\\e[F", "ed-move-to-end"}, {"\\eOF", "ed-move-to-end"}, {"\\e[4~", "ed-move-to-end"}, {"\\e[8~", "ed-move-to-end"},
        {"\\e[3~", "ed-delete-next-char"},
        {"\\e[1;5D", "ed-prev-word"}, {"\\e[1;5C", "em-next-word"},
        {"\\e[1;3D", "ed-prev-word"}, {"\\e[1;3C", "em-next-word"},
    };
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        el_set(editor->el, EL_BIND, bindings[i][0], bindings[i][1], NULL);
    }
    el_source(editor->el, NULL);
    return editor;
}

void sce_close(sce_editor *editor) {
    if (editor == NULL) return;
    if (editor->history) history_end(editor->history);
    el_end(editor->el);
    free(editor->held);
    free(editor->prompt);
    free(editor);
}

void sce_set_prompt(sce_editor *editor, const char *prompt) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
}

void sce_set_completer(sce_editor *editor, sce_completer completer, void *context) {
    editor->completer = completer;
    editor->completer_context = context;
}

static void release_held_line(sce_editor *editor);

static volatile sig_atomic_t resized_flag = 0;

static void resize_handler(int signal_number) {
    (void)signal_number;
    resized_flag = 1;
}

/// SIGWINCH interrupts the editor's read (no SA_RESTART) only while a line
/// is edited; otherwise system calls restart as usual.
static void set_resize_handler(int interrupting) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = resize_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = interrupting ? 0 : SA_RESTART;
    sigaction(SIGWINCH, &action, NULL);
}

/// Display columns of `count` wide characters.
static int display_width(const wchar_t *text, size_t count) {
    int width = 0;
    for (size_t i = 0; i < count; i++) {
        int w = wcwidth(text[i]);
        width += w > 0 ? w : 0;
    }
    return width;
}

/// After the window was resized mid-line: the terminal has re-flowed the
/// prompt and the line to the new width, which libedit cannot know. Go
/// back to where the prompt now starts, clear below, and have the editor
/// draw the prompt and the line afresh at the new width, with the cursor
/// where it was.
static void redraw_after_resize(sce_editor *editor) {
    const LineInfoW *info = el_wline(editor->el);
    size_t before = (size_t)(info->cursor - info->buffer);
    size_t after = (size_t)(info->lastchar - info->cursor);
    size_t length = before + after;
    int columns = sce_terminal_width(STDOUT_FILENO);
    if (columns <= 0) columns = 80;
    int prompt_width = 0;
    if (editor->prompt) {
        size_t n = mbstowcs(NULL, editor->prompt, 0);
        if (n != (size_t)-1) {
            wchar_t *wide = calloc(n + 1, sizeof(wchar_t));
            if (wide) { mbstowcs(wide, editor->prompt, n + 1); prompt_width = display_width(wide, n); free(wide); }
        }
    }
    int row = (prompt_width + display_width(info->buffer, before)) / columns;
    FILE *out = NULL;
    el_get(editor->el, EL_GETFP, 1, &out);
    if (out) {
        if (row > 0) fprintf(out, "\x1b[%dA", row);
        fputs("\r\x1b[J", out);
        fflush(out);
    }
    // The line and the cursor, typed again into the fresh editor: the text,
    // then Ctrl-B back to where the cursor was.
    size_t bytes = wcstombs(NULL, info->buffer, 0);
    wchar_t *copy = calloc(length + 1, sizeof(wchar_t));
    char *text = bytes == (size_t)-1 ? NULL : malloc(bytes + after + 1);
    if (copy && text) {
        wmemcpy(copy, info->buffer, length);
        copy[length] = L'\0';
        size_t written = wcstombs(text, copy, bytes + 1);
        if (written != (size_t)-1) {
            for (size_t i = 0; i < after; i++) text[written + i] = 2;  // Ctrl-B
            text[written + after] = '\0';
            // Pushed input is read in the order pushed: the text, then the keys.
            char *keys = strdup(text + written);
            text[written] = '\0';
            if (written > 0) el_push(editor->el, text);
            if (keys && after > 0) el_push(editor->el, keys);
            free(keys);
        }
    }
    free(copy);
    free(text);
}

const char *sce_gets(sce_editor *editor, int *count, int *interrupted) {
    editor->interrupted = 0;
    set_resize_handler(1);
    const char *line;
    // Held input goes in before the first read only: after a resize the
    // line being edited is typed again first.
    editor->replaying_paste = editor->held_length > 0;
    release_held_line(editor);
    for (;;) {
        resized_flag = 0;
        line = el_gets(editor->el, count);
        if (line == NULL && *count == -1 && resized_flag && !editor->interrupted) {
            el_resize(editor->el);
            redraw_after_resize(editor);
            continue;
        }
        break;
    }
    set_resize_handler(0);
    editor->replaying_paste = 0;
    *interrupted = editor->interrupted;
    return line;
}

/// How many bytes a UTF-8 sequence that starts with `lead` has (1 for a
/// stray continuation byte, which is then passed on as it is).
static size_t utf8_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

/// Appends `length` bytes to the input held for the editor.
static void hold(sce_editor *editor, const char *bytes, size_t length) {
    if (length == 0) return;
    char *grown = realloc(editor->held, editor->held_length + length + 1);
    if (grown == NULL) return;
    memcpy(grown + editor->held_length, bytes, length);
    editor->held = grown;
    editor->held_length += length;
    editor->held[editor->held_length] = '\0';
}

/// Hands the editor the next held line (through its newline), so that it
/// reads one line at a time and the rest stays here to be looked at.
static void release_held_line(sce_editor *editor) {
    if (editor->held_length == 0) return;
    size_t end = 0;
    while (end < editor->held_length && editor->held[end] != '\n' && editor->held[end] != '\r') end++;
    if (end < editor->held_length) end++;
    char saved = editor->held[end];
    editor->held[end] = '\0';
    // A NUL byte would cut the text short; the editor treats it as a key
    // that does nothing, so it is simply not held (see hold's caller).
    el_push(editor->el, editor->held);
    editor->held[end] = saved;
    memmove(editor->held, editor->held + end, editor->held_length - end + 1);
    editor->held_length -= end;
}

/// How many bytes standard input holds, waiting up to `wait_ms` for some.
static int pending_input(int wait_ms) {
    struct pollfd wanted = {.fd = STDIN_FILENO, .events = POLLIN};
    int pending = 0;
    if (poll(&wanted, 1, wait_ms) <= 0 || !(wanted.revents & POLLIN) || ioctl(STDIN_FILENO, FIONREAD, &pending) != 0) return 0;
    return pending;
}

int sce_typeahead_continues(sce_editor *editor, int wait_ms) {
    int pending = pending_input(editor->held_length > 0 ? 0 : wait_ms);
    if (pending > 0) {
        char *bytes = malloc((size_t)pending + 8);
        if (bytes != NULL) {
            ssize_t got = read(STDIN_FILENO, bytes, (size_t)pending);
            size_t length = got > 0 ? (size_t)got : 0;
            // A paste may be cut inside a character: read the rest of it,
            // so that the editor is handed whole characters.
            size_t start = length;
            while (start > 0 && ((unsigned char)bytes[start - 1] & 0xC0) == 0x80 && length - start < 3) start--;
            if (start > 0 && length > 0) {
                size_t needed = utf8_length((unsigned char)bytes[start - 1]);
                size_t have = length - start + 1;
                while (needed > 1 && have < needed && length < (size_t)pending + 8) {
                    struct pollfd more = {.fd = STDIN_FILENO, .events = POLLIN};
                    if (poll(&more, 1, 100) <= 0) break;
                    ssize_t extra = read(STDIN_FILENO, bytes + length, needed - have);
                    if (extra <= 0) break;
                    length += (size_t)extra;
                    have += (size_t)extra;
                }
            }
            size_t kept = 0;
            for (size_t i = 0; i < length; i++) if (bytes[i] != '\0') bytes[kept++] = bytes[i];
            hold(editor, bytes, kept);
            free(bytes);
        }
    }
    size_t first = 0;
    while (first < editor->held_length && (editor->held[first] == ' ' || editor->held[first] == '\t')) first++;
    return first < editor->held_length && editor->held[first] == '|';
}

void sce_history_add(sce_editor *editor, const char *line) {
    if (editor->history == NULL) return;
    HistEvent event;
    history(editor->history, &event, H_ENTER, line);
}

void sce_history_clear(sce_editor *editor) {
    if (editor->history == NULL) return;
    HistEvent event;
    history(editor->history, &event, H_CLEAR);
}

void sce_history_set_size(sce_editor *editor, int size) {
    if (editor->history == NULL) return;
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, size);
}

static volatile sig_atomic_t interrupt_flag = 0;

static void interrupt_handler(int signal_number) {
    (void)signal_number;
    interrupt_flag = 1;
}

void sce_install_interrupt_handler(void) {
    // A parent may have started us with signals blocked; Ctrl-C, a hang-up
    // and a polite kill must reach us.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = interrupt_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
}

int sce_take_interrupt(void) {
    int value = interrupt_flag;
    interrupt_flag = 0;
    return value;
}

int sce_peek_interrupt(void) { return interrupt_flag; }

void sce_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

int sce_terminal_width(int fd) {
    struct winsize size;
    if (!isatty(fd)) return 0;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 0;
}

int sce_terminal_height(int fd) {
    struct winsize size;
    if (!isatty(fd)) return 0;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) return size.ws_row;
    return 0;
}
