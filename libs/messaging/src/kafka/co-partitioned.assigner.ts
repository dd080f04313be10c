import { AssignerProtocol, type Assigner, type PartitionAssigner } from 'kafkajs';

/**
 * Hands partition number p of every subscribed topic to the same member (docs/design.md §2), as
 * Kafka Streams does for co-partitioned joins: both countries' events of a post then reach
 * one reconciler instance. The default round-robin assignor would split them.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => {
  const assigner: Assigner = {
    name: 'CoPartitionedAssigner',
    version: 1,
    async assign({ members, topics }) {
      const memberIds = members.map((m) => m.memberId).sort();
      const plan = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
      for (const topic of topics) {
        const partitions = cluster
          .findTopicPartitionMetadata(topic)
          .map((m) => m.partitionId)
          .sort((a, b) => a - b);
        for (const partition of partitions) {
          const owner = memberIds[partition % memberIds.length]!;
          const byTopic = plan.get(owner)!;
          (byTopic[topic] ??= []).push(partition);
        }
      }
      return Promise.resolve(
        memberIds.map((memberId) => ({
          memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 1,
            assignment: plan.get(memberId)!,
            userData: Buffer.alloc(0),
          }),
        })),
      );
    },
    protocol({ topics }) {
      return {
        name: 'CoPartitionedAssigner',
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: Buffer.alloc(0),
        }),
      };
    },
  };
  return assigner;
};
