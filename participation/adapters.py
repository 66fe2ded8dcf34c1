from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        return super().get_signup_redirect_url(request)
