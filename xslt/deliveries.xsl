<?xml version="1.0" encoding="UTF-8"?>
<!-- 交付中心: the buyer's deliveries, tabs by state, newest first. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('deliveries.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="deliveries"/>
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('deliveries.title')"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('deliveries.title')"/></h1>
    <p class="lead"><xsl:value-of select="m:t('deliveries.lead')"/></p>
    <nav class="tabs" aria-label="{m:t('deliveries.filter')}">
      <xsl:call-template name="tab"><xsl:with-param name="s" select="''"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'awaiting_requirement'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'pending_confirmation'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'in_service'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'pending_acceptance'"/></xsl:call-template>
      <xsl:call-template name="tab"><xsl:with-param name="s" select="'completed'"/></xsl:call-template>
    </nav>

    <xsl:choose>
      <xsl:when test="$l/delivery">
        <div class="table-scroll">
          <table class="data stack">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('delivery.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.spec')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('delivery.updated')"/></th>
                <th scope="col"><xsl:value-of select="m:t('common.actions')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/delivery">
                <tr>
                  <td class="card-title" data-label="{m:t('delivery.no')}"><a href="/deliveries/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td data-label="{m:t('delivery.product')}"><xsl:value-of select="product"/></td>
                  <td data-label="{m:t('delivery.spec')}"><xsl:value-of select="spec"/></td>
                  <td data-label="{m:t('delivery.status')}">
                    <xsl:call-template name="status">
                      <xsl:with-param name="prefix" select="'delivery.status.'"/>
                      <xsl:with-param name="value" select="@status"/>
                    </xsl:call-template>
                  </td>
                  <td data-label="{m:t('delivery.updated')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@updated"/></xsl:call-template></td>
                  <td class="row-actions" data-label="{m:t('common.actions')}">
                    <xsl:if test="@status = 'awaiting_requirement'">
                      <a class="button primary" href="/deliveries/{@no}/requirement"><xsl:value-of select="m:t('delivery.submit_requirement')"/></a>
                      <xsl:text> </xsl:text>
                    </xsl:if>
                    <a class="button" href="/deliveries/{@no}"><xsl:value-of select="m:t('common.details')"/></a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:when test="string($l/@status)">
        <p class="empty">
          <xsl:value-of select="m:t('deliveries.empty_filtered')"/>
          <xsl:text> </xsl:text>
          <a href="/deliveries"><xsl:value-of select="m:t('deliveries.show_all')"/></a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:value-of select="m:t('deliveries.empty')"/></p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:call-template name="pager">
      <xsl:with-param name="href">
        <xsl:text>/deliveries?</xsl:text>
        <xsl:if test="string($l/@status)">status=<xsl:value-of select="$l/@status"/>&amp;</xsl:if>
      </xsl:with-param>
      <xsl:with-param name="list" select="$l"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tab">
    <xsl:param name="s"/>
    <a>
      <xsl:attribute name="href">
        <xsl:text>/deliveries</xsl:text>
        <xsl:if test="string($s)">?status=<xsl:value-of select="$s"/></xsl:if>
      </xsl:attribute>
      <xsl:if test="string(/page/deliveries/@status) = $s">
        <xsl:attribute name="class">current</xsl:attribute>
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="string($s)"><xsl:value-of select="m:t(concat('delivery.status.', $s))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="m:t('common.all')"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>
</xsl:stylesheet>
