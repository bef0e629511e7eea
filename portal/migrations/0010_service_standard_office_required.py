# The standards' office becomes required and unique per service in its own migration: the
# rows moved in 0009 leave pending trigger events that an ALTER TABLE in the same transaction
# would trip over on PostgreSQL.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0009_service_standards_per_office'),
    ]

    operations = [
        migrations.AlterField(
            model_name='servicestandard',
            name='office',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='standards', to='portal.office', verbose_name='office'),
        ),
        migrations.AlterField(
            model_name='historicalservicestandard',
            name='service',
            field=models.CharField(choices=[('bkol', 'Online job exchange (Bursa Kerja On Line)'), ('akad', 'AKAD inter-regional placement permit'), ('pengaduan', 'Complaints, suggestions and input')], max_length=20, verbose_name='service'),
        ),
        migrations.AlterField(
            model_name='servicestandard',
            name='service',
            field=models.CharField(choices=[('bkol', 'Online job exchange (Bursa Kerja On Line)'), ('akad', 'AKAD inter-regional placement permit'), ('pengaduan', 'Complaints, suggestions and input')], max_length=20, verbose_name='service'),
        ),
        migrations.AddConstraint(
            model_name='servicestandard',
            constraint=models.UniqueConstraint(fields=('office', 'service'), name='service_standard_office_service_unique'),
        ),
    ]
