<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>archnest::ui::ContainersPage</name>
    <message numerus="yes">
        <source>%n container(s)</source>
        <translation>
            <numerusform>%n container</numerusform>
            <numerusform>%n containers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n container(s)</source>
        <translation>
            <numerusform>%1 of %n container</numerusform>
            <numerusform>%1 of %n containers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n container(s)? This cannot be undone.

%1</source>
        <translation>
            <numerusform>Remove %n container? This cannot be undone.

%1</numerusform>
            <numerusform>Remove %n containers? This cannot be undone.

%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostErrorCard</name>
    <message numerus="yes">
        <source>Failing since %1; last try %2 (%n attempt(s)).</source>
        <translation>
            <numerusform>Failing since %1; last try %2 (%n attempt).</numerusform>
            <numerusform>Failing since %1; last try %2 (%n attempts).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next retry at %1 (in %n s).</source>
        <translation>
            <numerusform>Next retry at %1 (in %n s).</numerusform>
            <numerusform>Next retry at %1 (in %n s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostKeyDialog</name>
    <message numerus="yes">
        <source>the target, through %n jump host(s)</source>
        <translation>
            <numerusform>the target, through %n jump host</numerusform>
            <numerusform>the target, through %n jump hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostsController</name>
    <message numerus="yes">
        <source>%1: %n container(s)…</source>
        <translation>
            <numerusform>%1: %n container…</numerusform>
            <numerusform>%1: %n containers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: done for %n container(s).</source>
        <translation>
            <numerusform>%1: done for %n container.</numerusform>
            <numerusform>%1: done for %n containers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1: %n container(s).</source>
        <translation>
            <numerusform>Connected to %1: %n container.</numerusform>
            <numerusform>Connected to %1: %n containers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::ImportHostsDialog</name>
    <message numerus="yes">
        <source>%n alias(es) found, %1 importable.</source>
        <translation>
            <numerusform>%n alias found, %1 importable.</numerusform>
            <numerusform>%n aliases found, %1 importable.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n context(s) found, %1 importable.</source>
        <translation>
            <numerusform>%n context found, %1 importable.</numerusform>
            <numerusform>%n contexts found, %1 importable.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::LogPanel</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::MainWindow</name>
    <message numerus="yes">
        <source>Refreshing %n host(s)…</source>
        <translation>
            <numerusform>Refreshing %n host…</numerusform>
            <numerusform>Refreshing %n hosts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
</context>
</TS>
