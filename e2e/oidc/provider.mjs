// A real OpenID Connect provider (the OpenID Certified `oidc-provider`) for
// the end-to-end tests and for trying single sign-on locally. Listens on
// 127.0.0.1 only. Any login name signs in (development interactions, any
// password): the staff directory decides who is set up, exactly as it would
// with Entra ID or Keycloak. People's email is their login name.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3400);
const issuer = `http://127.0.0.1:${port}`;
// Every app address that may sign in here (comma-separated).
const apps = (process.env.APP_URL ?? 'http://127.0.0.1:3101').split(',').map((a) => a.trim());

const configuration = {
  clients: [
    {
      client_id: 'supervision',
      client_secret: 'supervision-e2e-secret',
      redirect_uris: apps.map((app) => `${app}/auth/callback`),
      post_logout_redirect_uris: apps.map((app) => `${app}/`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: `e2e|${id}`, email: id, email_verified: true };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: [] },
  // Put the email in the ID token itself, as Entra ID and Keycloak do.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['supervision-e2e-cookie-key'] },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening at ${issuer}`);
});
