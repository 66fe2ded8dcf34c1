from participation.selectors import unread_notification_count


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    # Loaded with the user in the same query by PersonMiddleware; asked for otherwise.
    unread = getattr(user, "unread_notification_count", None)
    if unread is None:
        unread = unread_notification_count(user=user)
    return {"unread_notifications": unread}
