"""FollowUp extends portal.models.StepLog (it gains the action of each step, filled in for
the rows already written from the chain's table); the book counter takes the one counter shape
of portal.models.YearCounter (``last_number`` renamed ``last``, every year's value kept)."""

from django.db import migrations, models

# (from, to) -> action, as complaints.services declares the chain (7.2.1-7.2.3).
ACTIONS = {
    ("", "recorded"): "record",
    ("recorded", "reported"): "report",
    ("reported", "with_kabid"): "pass",
    ("with_kabid", "coordinated"): "coordinate",
    ("coordinated", "followed_up"): "hand_back",
    ("followed_up", "answered"): "answer",
    ("answered", "closed"): "close",
}


def fill_actions(apps, schema_editor):
    FollowUp = apps.get_model("complaints", "FollowUp")
    for (source, target), action in ACTIONS.items():
        FollowUp.objects.filter(from_status=source, to_status=target).update(action=action)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_admin_list_indexes")]

    operations = [
        migrations.RenameField("bookcounter", "last_number", "last"),
        migrations.AlterField(
            model_name="bookcounter",
            name="last",
            field=models.PositiveIntegerField(default=0, verbose_name="last number"),
        ),
        migrations.AlterField(
            model_name="bookcounter",
            name="year",
            field=models.PositiveSmallIntegerField(
                primary_key=True, serialize=False, verbose_name="year"
            ),
        ),
        migrations.AddField(
            model_name="followup",
            name="action",
            field=models.CharField(blank=True, max_length=20, verbose_name="action"),
        ),
        migrations.RunPython(fill_actions, migrations.RunPython.noop),
    ]
