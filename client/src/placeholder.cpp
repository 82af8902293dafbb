namespace oauthsim {}
