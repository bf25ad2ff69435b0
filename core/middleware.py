from django.contrib.auth.middleware import LoginRequiredMiddleware


class LoginVereistMiddleware(LoginRequiredMiddleware):
    """Every page requires login unless its view is marked ``login_not_required``.

    The API answers 401/403 itself (DRF), so it is left to DRF's authentication classes.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
