"""What the job exchange's services share."""


def assign(instance, data):
    """Set ``instance``'s fields from cleaned data, as a model form saves them: an uploaded
    file replaces the stored one, ``None`` keeps it, ``False`` (a cleared box) removes it."""
    for name, value in data.items():
        instance._meta.get_field(name).save_form_data(instance, value)
    return instance
