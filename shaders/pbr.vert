#version 460
// Instanced vertex stage: each instance's model matrix comes from the frame's storage buffer, so
// hundreds of copies of a product are one draw. Multiview picks the eye's matrix.
#extension GL_EXT_multiview : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;

layout(location = 0) out vec3 outWorldPos;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec2 outUv0;
layout(location = 4) out vec2 outUv1;
layout(location = 5) out vec4 outColor;
layout(location = 6) flat out uint outMaterial;

void main() {
  mat4 model = instances.records[gl_InstanceIndex].model;
  outMaterial = instances.records[gl_InstanceIndex].info.x;
  vec4 world = model * vec4(inPosition, 1.0);
  // Inverse-transpose keeps normals right under non-uniform scale.
  mat3 normalMatrix = transpose(inverse(mat3(model)));
  outWorldPos = world.xyz;
  outNormal = normalMatrix * inNormal;
  outTangent = vec4(mat3(model) * inTangent.xyz, inTangent.w);
  outUv0 = inUv0;
  outUv1 = inUv1;
  outColor = inColor;
  gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
