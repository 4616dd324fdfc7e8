#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace archnest {

// An error a user can act on: what failed, where, and what to do. `code` is optional and
// machine-readable (e.g. "host-key-changed", "http-404") so callers can branch without
// parsing text.
struct Error
{
    QString message;
    QString code;

    Error() = default;
    explicit Error(QString msg, QString c = {})
        : message(std::move(msg))
        , code(std::move(c))
    {}
};

// Errors are values (see STYLE.md): Result<T> holds either a T or an Error. A small stand-in
// for std::expected, which clang 14 (our fuzzing compiler) cannot compile from libstdc++ 12.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T valueOr(T fallback) const { return ok() ? std::get<0>(m_data) : std::move(fallback); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

using VoidResult = Result<void>;

inline Error makeError(QString message, QString code = {})
{
    return Error(std::move(message), std::move(code));
}

} // namespace archnest
