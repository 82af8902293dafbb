#pragma once
#include <gmock/gmock.h>

#include "oauthsim/common/token_info.h"

namespace oauthsim::testing {

class MockTokenVerifier : public common::TokenVerifier {
 public:
  MOCK_METHOD(common::TokenInfo, verify, (std::string_view access_token), (override));
};

}  // namespace oauthsim::testing
