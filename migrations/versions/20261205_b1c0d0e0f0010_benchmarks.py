"""Child Bridge benchmarks: the catalogue, a colour per benchmark, and domain colours that follow from them

Assessments recorded before stay as they are: their one colour per Child Bridge domain is domain-level history
(`from_benchmarks` false), readable beside the benchmark-level assessments that follow. Downgrading drops the
benchmark colours and keeps each domain's derived colour.

Revision ID: b1c0d0e0f0010
Revises: a1c0d0e0f0010
Create Date: 2026-12-05 11:12:15.113614

"""
from alembic import op
import sqlalchemy as sa


revision = 'b1c0d0e0f0010'
down_revision = 'a1c0d0e0f0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('benchmarks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('domain_id', sa.Integer(), nullable=False),
    sa.Column('age_band', sa.String(length=10), nullable=False),
    sa.Column('text_nl', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("age_band IN ('by_5', 'by_11', 'by_18')", name=op.f('ck_benchmarks_age_band')),
    sa.ForeignKeyConstraint(['domain_id'], ['domains.id'], name=op.f('fk_benchmarks_domain_id_domains')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benchmarks')),
    sa.UniqueConstraint('code', name=op.f('uq_benchmarks_code'))
    )
    with op.batch_alter_table('benchmarks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benchmarks_domain_id'), ['domain_id'], unique=False)

    op.create_table('benchmark_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('benchmark_id', sa.Integer(), nullable=False),
    sa.Column('colour', sa.String(length=10), nullable=False),
    sa.CheckConstraint("colour IN ('green', 'orange', 'red')", name=op.f('ck_benchmark_scores_colour')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_benchmark_scores_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['benchmark_id'], ['benchmarks.id'], name=op.f('fk_benchmark_scores_benchmark_id_benchmarks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benchmark_scores')),
    sa.UniqueConstraint('assessment_id', 'benchmark_id', name='uq_benchmark_scores_benchmark')
    )
    with op.batch_alter_table('benchmark_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benchmark_scores_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_benchmark_scores_benchmark_id'), ['benchmark_id'], unique=False)

    with op.batch_alter_table('assessment_scores', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_benchmarks', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('assessment_scores', schema=None) as batch_op:
        batch_op.drop_column('from_benchmarks')

    with op.batch_alter_table('benchmark_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benchmark_scores_benchmark_id'))
        batch_op.drop_index(batch_op.f('ix_benchmark_scores_assessment_id'))

    op.drop_table('benchmark_scores')
    with op.batch_alter_table('benchmarks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benchmarks_domain_id'))

    op.drop_table('benchmarks')
