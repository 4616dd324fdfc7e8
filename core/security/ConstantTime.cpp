#include "security/ConstantTime.h"

namespace archnest::security {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Walk the longer input fully so a length mismatch costs the same as a content mismatch.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned diff = static_cast<unsigned>(a.size() ^ b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a.at(i)) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b.at(i)) : 0;
        diff |= static_cast<unsigned>(x ^ y);
    }
    // A compiler cannot short-cut a volatile read.
    volatile unsigned result = diff;
    return result == 0;
}

} // namespace archnest::security
