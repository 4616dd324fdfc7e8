#pragma once

#include "util/Result.h"

#include <QTest>

// QVERIFY for archnest::Result: on failure the test log shows the error message.
#define QVERIFY_RESULT(expr)                                                                                           \
    do {                                                                                                               \
        const auto &archnest_r_ = (expr);                                                                              \
        if (!archnest_r_.ok()) {                                                                                       \
            QTest::qFail(                                                                                              \
                qPrintable(                                                                                            \
                    QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(#expr), archnest_r_.errorMessage())),      \
                __FILE__, __LINE__);                                                                                   \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)

// The opposite: the call must fail, and its message must contain `needle`.
#define QVERIFY_RESULT_ERROR(expr, needle)                                                                             \
    do {                                                                                                               \
        const auto &archnest_r_ = (expr);                                                                              \
        QVERIFY2(!archnest_r_.ok(), "expected an error, got success: " #expr);                                         \
        QVERIFY2(                                                                                                      \
            archnest_r_.errorMessage().contains(needle),                                                               \
            qPrintable(                                                                                                \
                QStringLiteral("error '%1' does not mention '%2'").arg(archnest_r_.errorMessage(), QString(needle)))); \
    } while (false)
