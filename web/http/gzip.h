// gzip compression of response bodies (libdeflate), for clients that send
// `Accept-Encoding: gzip`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport {

// True for the content types gzip makes smaller: JSON, FHIR JSON, text, SVG.
bool CompressibleType(std::string_view content_type);

// True when the Accept-Encoding header value accepts gzip (not with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// The gzip member holding `data`, or nullopt if the compressor cannot be made:
// at the fastest level, for answers made per request.
std::optional<std::string> GzipCompress(std::string_view data);

// The same at libdeflate's best level (several times slower, about a tenth
// smaller), for bodies compressed once and sent many times.
std::optional<std::string> GzipCompressBest(std::string_view data);

}  // namespace rapport
