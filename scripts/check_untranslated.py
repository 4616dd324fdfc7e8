#!/usr/bin/env python3
"""Finds user-visible string literals outside tr() in the desktop sources (a heuristic).

lupdate only sees strings that already are in tr(); this catches the ones that are not. A string
literal is reported when it is not inside tr()/translate()/QT_TR_NOOP (or a log call, an icon
name, an object name, a property) and either
  * it is an argument of a call that puts text on screen (setText, setToolTip, QLabel(...),
    QAction(...), addAction, QMessageBox::warning, ...) and holds a word, or
  * it reads like prose anywhere (a capital letter, a lower-case word and a space, or a
    sentence's end), once HTML tags, entities and %1 placeholders are taken out.
Exceptions go in the allowlist, one per line: `path | literal | reason` (the literal exactly as
written between the quotes). An entry that matches nothing is reported too, so the list stays
true. Exit status: 0 clean, 1 findings, 2 usage.
"""
import argparse
import os
import re
import sys

SINKS = {
    'setText', 'setToolTip', 'setWindowTitle', 'setPlaceholderText', 'setStatusTip', 'addAction',
    'addMenu', 'setTitle', 'setLabelText', 'addRow', 'showMessage', 'setTabText', 'addTab',
    'insertTab', 'setHeaderLabels', 'setHorizontalHeaderLabels', 'setWhatsThis', 'setAccessibleName',
    'setAccessibleDescription', 'information', 'warning', 'critical', 'question', 'about',
    'setInformativeText', 'setDetailedText', 'setHtml', 'setButtonText', 'setSpecialValueText',
    'setSuffix', 'setPrefix', 'setTabToolTip', 'addButton', 'setOkButtonText', 'setCancelButtonText',
    'QLabel', 'QPushButton', 'QAction', 'QCheckBox', 'QGroupBox', 'QRadioButton', 'QMenu',
    'QToolButton', 'QCommandLineOption', 'setApplicationDescription', 'addItem', 'addItems',
}
EXEMPT = {
    'tr', 'translate', 'QT_TR_NOOP', 'QT_TRANSLATE_NOOP', 'QT_TR_N_NOOP', 'QT_TRANSLATE_N_NOOP',
    'qDebug', 'qInfo', 'qWarning', 'qCritical', 'qFatal', 'qCDebug', 'qCInfo', 'qCWarning',
    'qCCritical', 'Q_LOGGING_CATEGORY', 'fromTheme', 'setObjectName', 'setProperty', 'property',
    'objectName', 'findChild', 'findChildren', 'setStyleSheet', 'Q_ASSERT', 'Q_ASSERT_X',
    'setValue', 'value', 'contains', 'remove', 'QSettings', 'QIcon', 'setIcon', 'QFont',
    'setFamily', 'QColor', 'QRegularExpression', 'QKeySequence', 'setShortcut', 'QUrl',
}
IDENT_BEFORE = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*$')


LOG_STREAM = re.compile(r'\bq(C?)(Debug|Info|Warning|Critical)\s*\(')


def context(stack, code, stmt):
    """Enclosing call names, innermost first; a `qWarning() << "..."` statement counts as a call."""
    calls = list(reversed(stack))
    if LOG_STREAM.search(''.join(code[stmt:])):
        calls.insert(0, 'qWarning')
    return calls


def scan(text):
    """Yields (line, literal, enclosing call names innermost first) for every string literal."""
    i, n, line = 0, len(text), 1
    stack = []  # callee name (or '') of each open parenthesis
    code = []   # text with comments and literals blanked, to find callee names
    stmt = 0    # where the current statement starts in code
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            code.append(c)
            i += 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            line += text.count('\n', i, j)
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i) if m else -1
            if not m or end < 0:
                code.append(c)
                i += 1
                continue
            lit = text[i + len(m.group(0)):end]
            yield line, lit, context(stack, code, stmt)
            line += lit.count('\n')
            i = end + len(m.group(1)) + 2
            code.append('""')
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            yield line, text[i + 1:j], context(stack, code, stmt)
            i = j + 1
            code.append('""')
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            code.append("''")
        elif c == '#' and (i == 0 or text[i - 1] == '\n'):
            j = text.find('\n', i)  # preprocessor line (#include "...")
            i = n if j < 0 else j
        else:
            if c == '(':
                tail = ''.join(code[-60:])
                m = IDENT_BEFORE.search(tail)
                stack.append(m.group(1) if m else '')
            elif c == ')' and stack:
                stack.pop()
            elif c in ';{}':
                stmt = len(code) + 1
            code.append(c)
            i += 1


def visible_words(lit):
    s = re.sub(r'<[^>]*>', ' ', lit)
    s = re.sub(r'&[a-zA-Z]+;|&#[0-9]+;', ' ', s)
    s = re.sub(r'%L?[0-9]+|%[sdn]', ' ', s)
    s = re.sub(r'\\[nrt"\\]', ' ', s)
    return s


def classify(lit, calls):
    """Returns the reason a literal is suspect, or None."""
    sink = None
    for name in calls:
        if name in EXEMPT:
            return None
        if sink is None and name in SINKS:
            sink = name
    words = visible_words(lit)
    if sink and re.search(r'[A-Za-z]{2,}', words):
        return 'shown by %s()' % sink
    if re.search(r'[A-Z][a-z]+', words) and re.search(r'[a-z]{2,} [a-z]{2,}', words):
        return 'reads like prose'
    if re.search(r'[a-z]{2,}[.?!…]\s*$', words) and ' ' in words.strip():
        return 'reads like a sentence'
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', required=True)
    ap.add_argument('--allowlist', required=True)
    ap.add_argument('dirs', nargs='+')
    args = ap.parse_args()

    allowed = {}
    with open(args.allowlist, encoding='utf-8') as f:
        for no, raw in enumerate(f, 1):
            entry = raw.rstrip('\n')
            if not entry.strip() or entry.lstrip().startswith('#'):
                continue
            parts = [p.strip() for p in entry.split(' | ')]
            if len(parts) != 3 or not parts[2]:
                print('%s:%d: expected `path | literal | reason`' % (args.allowlist, no), file=sys.stderr)
                return 2
            allowed[(parts[0], parts[1])] = no
    used = set()
    findings = 0
    for d in args.dirs:
        for base, _, files in os.walk(os.path.join(args.root, d)):
            for name in sorted(files):
                if not name.endswith(('.cpp', '.h')):
                    continue
                path = os.path.join(base, name)
                rel = os.path.relpath(path, args.root)
                with open(path, encoding='utf-8') as f:
                    text = f.read()
                for line, lit, calls in scan(text):
                    why = classify(lit, calls)
                    if not why:
                        continue
                    if (rel, lit) in allowed:
                        used.add((rel, lit))
                        continue
                    findings += 1
                    print('%s:%d: "%s" (%s) is not in tr(): wrap it, or add `%s | %s | <reason>` to %s'
                          % (rel, line, lit, why, rel, lit, os.path.relpath(args.allowlist, args.root)))
    for key, no in sorted(allowed.items(), key=lambda kv: kv[1]):
        if key not in used:
            findings += 1
            print('%s:%d: allowlist entry matches nothing (remove it): %s | %s'
                  % (os.path.relpath(args.allowlist, args.root), no, key[0], key[1]))
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())
