// gzip compression of response bodies (libdeflate), for clients that send
// `Accept-Encoding: gzip`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport {

// True when the Accept-Encoding header value accepts gzip (not with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// The gzip member holding `data`, or nullopt if the compressor cannot be made.
std::optional<std::string> GzipCompress(std::string_view data);

}  // namespace rapport
