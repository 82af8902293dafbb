#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "control_errors.h"
#include "oauthsim/common/strict_json.h"

namespace oauthsim::control {

// The request body as a JSON object; BadRequest saying what is wrong otherwise. An empty body
// reads as {} so that routes whose fields are all optional accept a bare POST.
nlohmann::json parse_json_object(const std::string& body);

// Reads a request body's fields strictly; errors read "request body: /seconds: expected ...".
using BodyReader = common::StrictObjectReader<BadRequest>;
// A std::string that outlives every reader: StrictObjectReader keeps a reference to its source.
inline const std::string kBodySource = "request body";

}  // namespace oauthsim::control
