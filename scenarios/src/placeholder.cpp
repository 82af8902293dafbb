namespace oauthsim::scenario {}
