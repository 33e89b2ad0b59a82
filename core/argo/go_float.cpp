// SPDX-License-Identifier: Apache-2.0
#include "argo/go_float.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace bindery::argo {

std::string formatGoFloat32(double value)
{
    const float f = static_cast<float>(value);
    if (std::isnan(f))
        return "NaN";
    if (std::isinf(f))
        return f > 0 ? "+Inf" : "-Inf";
    // Shortest round-trip digits of the float32, from to_chars' scientific form "d.ddde±XX".
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const auto e = sci.find('e');
    std::string digits;
    for (std::size_t i = 0; i < e; ++i)
        if (sci[i] != '.')
            digits += sci[i];
    const int exp = std::atoi(sci.c_str() + e + 1); // exponent of the first digit
    std::string out = std::signbit(f) ? "-" : "";
    if (f == 0) {
        out += "0";
        return out;
    }
    // Go's 'g' with the shortest digits switches to %e when exp < -4 || exp >= 6.
    const int eprec = 6;
    if (exp < -4 || exp >= eprec) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += exp < 0 ? '-' : '+';
        const int a = std::abs(exp);
        if (a < 10)
            out += '0';
        out += std::to_string(a);
        return out;
    }
    if (exp < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exp - 1), '0');
        out += digits;
        return out;
    }
    const auto intDigits = static_cast<std::size_t>(exp + 1);
    if (digits.size() <= intDigits) {
        out += digits;
        out.append(intDigits - digits.size(), '0');
    } else {
        out.append(digits, 0, intDigits);
        out += '.';
        out.append(digits, intDigits);
    }
    return out;
}

} // namespace bindery::argo
